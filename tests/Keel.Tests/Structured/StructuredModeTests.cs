using Keel.Simulator;
using Microsoft.Extensions.AI;

namespace Keel.Tests.Structured;

/// <summary>Native schema mode or the schema in the prompt: per model in keel.yaml, per call, and auto's fallback.</summary>
public sealed class StructuredModeTests
{
    private const string Answer = """{"name": "Ada", "age": 36}""";

    private static readonly string Schema = """{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},"required":["name","age"]}""";

    [Theory]
    [InlineData("Native", "Anthropic", true)]
    [InlineData("Prompt", "Openai", false)]
    [InlineData("Auto", "Openai", true)]
    [InlineData("Auto", "Anthropic", false)]
    [InlineData("Auto", "OpenaiCompatible", true)]
    public async Task GetStructuredAsync_ConfiguredMode_DecidesNativeOrPrompt(string mode, string provider, bool native)
    {
        var inner = new ScriptedChatClient((_, _) => ScriptedChatClient.Reply(Answer));
        using var client = new StructuredModeChatClient(inner, Enum.Parse<StructuredSchemaMode>(mode), Enum.Parse<ModelProvider>(provider));

        await client.GetStructuredAsync([new ChatMessage(ChatRole.User, "Ada, 36")], Schema, cancellationToken: TestContext.Current.CancellationToken);

        var (messages, options) = Assert.Single(inner.Calls);
        Assert.Equal(native, options?.ResponseFormat is ChatResponseFormatJson { Schema: not null });
        Assert.Equal(!native, messages.Any(m => m.Role == ChatRole.System && m.Text.Contains("name: string", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetStructuredAsync_UseNativeSchemaSet_OverridesTheModelsSetting(bool native)
    {
        var inner = new ScriptedChatClient((_, _) => ScriptedChatClient.Reply(Answer));
        using var client = new StructuredModeChatClient(inner, native ? StructuredSchemaMode.Prompt : StructuredSchemaMode.Native, ModelProvider.Openai);

        await client.GetStructuredAsync([new ChatMessage(ChatRole.User, "Ada, 36")], Schema, new StructuredOptions { UseNativeSchema = native }, TestContext.Current.CancellationToken);

        Assert.Equal(native, inner.Calls[0].Options?.ResponseFormat is ChatResponseFormatJson { Schema: not null });
    }

    [Fact]
    public async Task GetStructuredAsync_AutoOnACompatibleServerThatRejectsResponseFormat_FallsBackToThePrompt()
    {
        var inner = new ScriptedChatClient((_, options) => options?.ResponseFormat is ChatResponseFormatJson { Schema: not null }
            ? throw new ModelCallException(ModelErrorKind.BadRequest, "400: response_format is not supported")
            : ScriptedChatClient.Reply(Answer));
        using var client = new StructuredModeChatClient(inner, StructuredSchemaMode.Auto, ModelProvider.OpenaiCompatible);

        var response = await client.GetStructuredAsync([new ChatMessage(ChatRole.User, "Ada, 36")], Schema, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Ada", response.Value!["name"]!.GetValue<string>());
        Assert.Equal(1, response.Attempts);
        Assert.Equal(2, inner.Calls.Count);
        Assert.Null(inner.Calls[1].Options?.ResponseFormat);
    }

    [Fact]
    public async Task GetStructuredAsync_NativeConfiguredAndRejected_FailsWithTheProvidersError()
    {
        var inner = new ScriptedChatClient((_, _) => throw new ModelCallException(ModelErrorKind.BadRequest, "400: response_format is not supported"));
        using var client = new StructuredModeChatClient(inner, StructuredSchemaMode.Native, ModelProvider.OpenaiCompatible);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetStructuredAsync([new ChatMessage(ChatRole.User, "Ada, 36")], Schema, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ModelErrorKind.BadRequest, error.Kind);
        Assert.Single(inner.Calls);
    }

    [Fact]
    public void Parse_StructuredKey_ReadsEachModeAndRejectsOthers()
    {
        var config = KeelConfigLoader.Parse("""
            models:
              a: { provider: openai-compatible, model: llama3, base_url: "http://127.0.0.1:1/v1", structured: prompt }
              b: { provider: openai-compatible, model: llama3, base_url: "http://127.0.0.1:1/v1", structured: native }
              c: { provider: openai, model: gpt-4o-mini }
            """, "keel.yaml");

        Assert.Equal(StructuredSchemaMode.Prompt, config.Models["a"].Structured);
        Assert.Equal(StructuredSchemaMode.Native, config.Models["b"].Structured);
        Assert.Equal(StructuredSchemaMode.Auto, config.Models["c"].Structured);
        var error = Assert.Throws<KeelConfigurationException>(() => KeelConfigLoader.Parse("models:\n  m:\n    model: x\n    structured: json\n", "keel.yaml"));
        Assert.Equal("keel.yaml:4:17: models.m.structured: expected one of auto, native, prompt, got 'json'", error.Message);
    }

    [Theory]
    [InlineData("prompt")]
    [InlineData("native")]
    public async Task GetStructuredAsync_ThroughTheSimulator_ModelFromKeelYamlCarriesItsMode(string mode)
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptYaml = $"rules:\n  - reply: '{Answer}'\n" });
        using var directory = new TempDirectory();
        Environment.SetEnvironmentVariable("KEEL_TEST_SIMULATOR_KEY", "sk-test-simulator");
        directory.File("keel.yaml", $"""
            models:
              local:
                provider: openai-compatible
                model: llama3
                base_url: {sim.BaseUrl}v1
                api_key_env: KEEL_TEST_SIMULATOR_KEY
                structured: {mode}
            """);
        using var keel = KeelFixture.Open(directory);
        var client = keel.Get<ModelCatalog>().GetChatClient("local");

        var response = await client.GetStructuredAsync([new ChatMessage(ChatRole.User, "Ada, 36")], Schema, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(mode == "prompt" ? StructuredSchemaMode.Prompt : StructuredSchemaMode.Native, client.GetService<StructuredModeChatClient>()!.Mode);
        Assert.Equal(36, response.Value!["age"]!.GetValue<int>());
    }
}
