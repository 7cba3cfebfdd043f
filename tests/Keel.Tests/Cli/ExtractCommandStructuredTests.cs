using System.Text.Json.Nodes;
using Keel.Simulator;

namespace Keel.Tests.Cli;

/// <summary><c>keel extract</c> end to end: the CLI, the model pipeline, the OpenAI SDK and the simulator.</summary>
public sealed class ExtractCommandStructuredTests : IAsyncLifetime
{
    private const string KeyVariable = "KEEL_TEST_SIMULATOR_KEY";
    private const string Script = """
        rules:
          - match: { model: fence-model }
            reply: |
              Here is the person:
              ```json
              {'name': 'Ada Lovelace', "priority": "high", age: "36",}
              ```
          - match: { model: enum-model }
            reply: '{"name": "Ada Lovelace", "priority": "URGENT", "age": 36}'
            times: 1
          - match: { model: enum-model }
            reply: '{"name": "Ada Lovelace", "priority": "HIGH", "age": 36}'
        """;

    private const string Schema = """
        {"type":"object","properties":{
          "name":{"type":"string"},
          "priority":{"type":"string","enum":["LOW","HIGH"]},
          "age":{"type":"integer","minimum":0}
        },"required":["name","priority","age"]}
        """;

    private readonly TempDirectory _directory = new();
    private SimulatorServer? _sim;

    static ExtractCommandStructuredTests() => Environment.SetEnvironmentVariable(KeyVariable, "sk-test-simulator");

    public async ValueTask InitializeAsync()
    {
        _sim = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptYaml = Script });
        _directory.File("keel.yaml", $$"""
            models:
              fence:
                provider: openai
                model: fence-model
                base_url: {{_sim.BaseUrl}}v1
                api_key_env: {{KeyVariable}}
                retry: { max_retries: 0 }
              enum:
                provider: openai
                model: enum-model
                base_url: {{_sim.BaseUrl}}v1
                api_key_env: {{KeyVariable}}
                retry: { max_retries: 0 }
            prices:
              version: test-prices
              models:
                enum-model: { input: 1000000, output: 2000000 }
            """);
        _directory.File("person.json", Schema);
    }

    public async ValueTask DisposeAsync()
    {
        await _sim!.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Extract_FencedBrokenJson_PrintsValidJson()
    {
        var run = await CliRunner.RunWithInputAsync(_directory.Path, "Ada Lovelace, 36, needs attention now.", "extract", "--schema", "person.json", "--model", "fence");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"Ada Lovelace","priority":"HIGH","age":36}"""), JsonNode.Parse(run.Out)), run.Out);
    }

    [Theory]
    [InlineData("native")]
    [InlineData("prompt")]
    public async Task Extract_SchemaMode_EachModeReachesAValidValue(string mode)
    {
        var run = await CliRunner.RunWithInputAsync(_directory.Path, "Ada Lovelace, 36, needs attention now.", "extract", "--schema", "person.json", "--model", "fence", "--schema-mode", mode);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("HIGH", JsonNode.Parse(run.Out)!["priority"]!.GetValue<string>());
    }

    [Fact]
    public async Task Extract_UnknownSchemaMode_IsAUsageError()
    {
        var run = await CliRunner.RunWithInputAsync(_directory.Path, "Ada", "extract", "--schema", "person.json", "--model", "fence", "--schema-mode", "json");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("json", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extract_InvalidEnumThenValid_ReasksOnceAndReportsIt()
    {
        var run = await CliRunner.RunWithInputAsync(_directory.Path, "Ada Lovelace, 36, urgent.", "extract", "--schema", "person.json", "--model", "enum", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        var report = JsonNode.Parse(run.Out)!;
        Assert.True(report["ok"]!.GetValue<bool>());
        Assert.Equal(2, report["attempts"]!.GetValue<int>());
        Assert.Equal("HIGH", report["value"]!["priority"]!.GetValue<string>());
        Assert.True(report["usage"]!["input_token_count"]!.GetValue<long>() > 0);
        Assert.True(report["cost_usd"]!.GetValue<decimal>() > 0);
    }

    [Fact]
    public async Task Extract_NoReasksAllowed_FailsNamingTheError()
    {
        var run = await CliRunner.RunWithInputAsync(_directory.Path, "Ada again.", "extract", "--schema", "person.json", "--model", "enum", "--reasks", "0");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("$.priority", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extract_NoModelConfigured_SaysExtractionNeedsAModel()
    {
        using var empty = new TempDirectory();
        empty.File("person.json", Schema);

        var run = await CliRunner.RunWithInputAsync(empty.Path, "Ada", "extract", "--schema", "person.json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("needs a language model", run.Error, StringComparison.Ordinal);
    }
}
