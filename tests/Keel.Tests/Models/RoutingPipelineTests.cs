using System.Text.Json;
using Keel.Simulator;
using Keel.Tests.Cli;
using Microsoft.Extensions.AI;

namespace Keel.Tests.Models;

/// <summary>Routes from keel.yaml through <see cref="ModelCatalog"/>: two models on one simulator, told apart by the
/// model id the simulator echoes in its reply.</summary>
public sealed class RoutingPipelineTests : IAsyncLifetime
{
    private const string KeyVariable = "KEEL_TEST_SIMULATOR_KEY";
    private readonly TempDirectory _directory = new();
    private SimulatorServer? _sim;

    static RoutingPipelineTests() => Environment.SetEnvironmentVariable(KeyVariable, "sk-test-simulator");

    public async ValueTask InitializeAsync()
    {
        _sim = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptYaml = "rules: []\n" });
        _directory.File("keel.yaml", $$"""
            models:
              cheap:
                provider: openai
                model: sim-small
                base_url: {{_sim.BaseUrl}}v1
                api_key_env: {{KeyVariable}}
              strong:
                provider: openai
                model: sim-large
                base_url: {{_sim.BaseUrl}}v1
                api_key_env: {{KeyVariable}}
            routes:
              smart:
                strategy: cascade
                rules:
                  - { when: { tag: hard }, model: strong }
                  - { when: { max_input_tokens: 20 }, model: cheap }
                default: strong
              ab:
                strategy: weighted
                targets: [ { model: cheap, weight: 1 }, { model: strong, weight: 1 } ]
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _sim!.DisposeAsync();
        _directory.Dispose();
    }

    [Theory]
    [InlineData("Short question?", null, false, "cheap", "sim-small")]
    [InlineData("Short question?", null, true, "cheap", "sim-small")]
    [InlineData("Short question?", "hard", false, "strong", "sim-large")]
    [InlineData("A much longer question that goes well past the twenty token limit of the cheap model in this route.", null, true, "strong", "sim-large")]
    public async Task Call_CascadeRoute_AnswersFromTheChosenModelAndTracesIt(string question, string? tag, bool streaming, string model, string modelId)
    {
        using var keel = KeelFixture.Open(_directory);
        var client = keel.Get<ModelCatalog>().GetChatClient("smart");
        var options = tag is null ? null : new ChatOptions { AdditionalProperties = new() { [KeelPropertyNames.Tag] = tag } };

        var response = streaming
            ? await client.GetStreamingResponseAsync(question, options).ToChatResponseAsync()
            : await client.GetResponseAsync(question, options);
        await keel.Get<TraceWriter>().FlushAsync();
        var trace = Assert.Single(await keel.Get<ITraceStore>().ListAsync(10));

        Assert.StartsWith($"Simulated reply from {modelId}", response.Text, StringComparison.Ordinal);
        Assert.Equal("smart", response.AdditionalProperties?[KeelPropertyNames.Route]);
        Assert.Equal(model, response.AdditionalProperties?[KeelPropertyNames.Model]);
        Assert.Equal(("ok", model), (trace.Status, trace.Model));
    }

    [Fact]
    public async Task Call_WeightedRouteWithKey_StaysOnOneModel()
    {
        using var keel = KeelFixture.Open(_directory);
        var catalog = keel.Get<ModelCatalog>();
        var options = new ChatOptions { AdditionalProperties = new() { [KeelPropertyNames.RouteKey] = "user-42" } };

        var replies = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            replies.Add((await catalog.GetChatClient("ab").GetResponseAsync("Hello", options)).Text);
        }

        Assert.Single(replies.Distinct());
        Assert.Equal(["smart", "ab"], catalog.RouteNames);
    }

    [Fact]
    public async Task ModelsCommand_Json_ListsRoutesWithStrategyAndModels()
    {
        var run = await CliRunner.RunAsync(_directory.Path, "models", "--json");

        using var json = JsonDocument.Parse(run.Out);
        var routes = json.RootElement.GetProperty("routes").EnumerateArray().ToList();
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["smart", "ab"], routes.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal("cascade", routes[0].GetProperty("strategy").GetString());
        Assert.Equal(["strong", "cheap"], routes[0].GetProperty("models").EnumerateArray().Select(m => m.GetString()));
    }
}
