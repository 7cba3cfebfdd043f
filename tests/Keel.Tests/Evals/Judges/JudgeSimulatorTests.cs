using System.ClientModel;
using System.ClientModel.Primitives;
using Keel.Simulator;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Keel.Tests.Evals.Judges;

/// <summary>The judges through the real OpenAI SDK against the simulator: the judge model is a configured Keel model
/// (its pipeline, native JSON-schema mode), and a 503 from it is an ERROR, not a FAIL.</summary>
public sealed class JudgeSimulatorTests : IAsyncLifetime
{
    private const string KeyVariable = "KEEL_TEST_SIMULATOR_KEY";
    private const string Script = """
        rules:
          - match: { contains: CASE-PASS }
            reply: '{"reason": "Gives the 60-day period.", "pass": true, "score": 0.95}'
          - match: { contains: CASE-FAIL }
            reply: '{"reason": "Does not give a period.", "pass": false, "score": 0.05}'
          - match: { contains: CASE-GARBLED }
            reply: 'Looks fine to me!'
          - match: { contains: CASE-OUTAGE }
            fault: { kind: server_error, status: 503 }
          - match: { contains: CASE-FAITHFUL }
            reply: '{"statements": [{"statement": "Files are kept 60 days.", "reason": "[1]", "supported": true}]}'
        """;

    private readonly TempDirectory _directory = new();
    private SimulatorServer? _sim;

    static JudgeSimulatorTests() => Environment.SetEnvironmentVariable(KeyVariable, "sk-test-simulator");

    public async ValueTask InitializeAsync()
    {
        _sim = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptYaml = Script });
        _directory.File("keel.yaml", $$"""
            models:
              judge:
                provider: openai
                model: gpt-4o-mini
                base_url: {{_sim.BaseUrl}}v1
                api_key_env: {{KeyVariable}}
                retry: { max_retries: 0 }
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _sim!.DisposeAsync();
        _directory.Dispose();
    }

    private static EvalOutput Case(string marker) => new()
    {
        CaseId = marker,
        Input = $"How long are deleted files kept? ({marker})",
        Output = "Deleted files are kept for 60 days.",
        Contexts = ["Deleted files stay in the trash for 60 days."],
    };

    private static async Task<AssertionResult> RubricAsync(IChatClient judge, string marker) =>
        await JudgeAssertions.Create("rubric", new Dictionary<string, object?> { ["rubric"] = "Says how long files are kept" }, judge)
            .EvaluateAsync(Case(marker), TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("CASE-PASS", "Pass", 0.95)]
    [InlineData("CASE-FAIL", "Fail", 0.05)]
    public async Task Rubric_JudgeVerdict_DecidesPassOrFail(string marker, string status, double score)
    {
        using var keel = KeelFixture.Open(_directory);

        var result = await RubricAsync(keel.Get<ModelCatalog>().GetChatClient("judge"), marker);

        Assert.Equal((Enum.Parse<EvalStatus>(status), score), (result.Status, result.Score));
        Assert.False(result.JudgeParseFailed);
    }

    [Fact]
    public async Task Rubric_UnparseableVerdict_IsAnErrorFlaggedAsParseFailure()
    {
        using var keel = KeelFixture.Open(_directory);
        var before = _sim!.Stats.TotalRequests;

        var result = await RubricAsync(keel.Get<ModelCatalog>().GetChatClient("judge"), "CASE-GARBLED");

        Assert.Equal(EvalStatus.Error, result.Status);
        Assert.True(result.JudgeParseFailed);
        Assert.Equal(2, _sim.Stats.TotalRequests - before); // asked, then re-asked once
    }

    [Fact]
    public async Task Rubric_Judge503ThroughKeel_IsAnErrorNotAFail()
    {
        using var keel = KeelFixture.Open(_directory);

        var result = await RubricAsync(keel.Get<ModelCatalog>().GetChatClient("judge"), "CASE-OUTAGE");

        Assert.Equal(EvalStatus.Error, result.Status);
        Assert.False(result.JudgeParseFailed);
        Assert.Null(result.Score);
        Assert.StartsWith("rubric: the judge model failed, so the output was not graded:", result.Reason, StringComparison.Ordinal);
        Assert.Contains("503", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rubric_Judge503ThroughTheBareSdk_IsAnErrorNotAFail()
    {
        IChatClient judge = new OpenAIClient(new ApiKeyCredential("sk-test"), new OpenAIClientOptions { Endpoint = new Uri(_sim!.BaseUrl, "v1"), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) })
            .GetChatClient("gpt-4o-mini").AsIChatClient();

        var result = await RubricAsync(judge, "CASE-OUTAGE");

        Assert.Equal(EvalStatus.Error, result.Status);
        Assert.False(result.JudgeParseFailed);
    }

    [Fact]
    public async Task Faithfulness_SupportedAnswer_Passes()
    {
        using var keel = KeelFixture.Open(_directory);
        var faithfulness = JudgeAssertions.Create("faithfulness", new Dictionary<string, object?>(), keel.Get<ModelCatalog>().GetChatClient("judge"));

        var result = await faithfulness.EvaluateAsync(Case("CASE-FAITHFUL"), TestContext.Current.CancellationToken);

        Assert.Equal((EvalStatus.Pass, 1.0), (result.Status, result.Score));
    }
}
