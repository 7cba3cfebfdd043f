using Keel.Simulator;
using Keel.Tests.Cli;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Keel.Tests.Models;

/// <summary>The whole model pipeline built from keel.yaml, through the real OpenAI and Anthropic SDKs, against the
/// simulator: retries, fallbacks, cut streams, traces and generative answers.</summary>
public sealed class ModelPipelineTests : IAsyncLifetime
{
    private const string KeyVariable = "KEEL_TEST_SIMULATOR_KEY";
    private const string Script = """
        rules:
          - match: { contains: flaky }
            fault: { kind: rate_limit, retry_after_ms: 20 }
            times: 2
          - match: { contains: flaky }
            reply: "Worked on the third try."
          - match: { provider: anthropic, contains: outage }
            fault: { kind: server_error, status: 529 }
          - match: { contains: outage }
            reply: "Backup answering."
          - match: { contains: shaky stream }
            fault: { kind: server_error, status: 503 }
            times: 1
          - match: { contains: shaky stream }
            reply: "This answer is cut off half way through its sentence."
            fault: { kind: drop_mid_stream, after_chunks: 2 }
          - match: { contains: drop the line }
            reply: "This answer is lost half way through its sentence because the connection drops."
            fault: { kind: drop_mid_stream }
          - match: { contains: slow start }
            fault: { kind: slow_first_token, delay_ms: 3000 }
          - match: { contains: stream me }
            reply: "This answer is cut off half way through its sentence."
            fault: { kind: drop_mid_stream, after_chunks: 2 }
          - match: { contains: deleted files stay in the trash }
            reply: "Deleted files stay in the trash for 60 days [1]. They cannot be restored afterwards [4]."
          - match: { contains: refunds }
            fault: { kind: server_error, status: 503 }
        """;

    private readonly TempDirectory _directory = new();
    private SimulatorServer? _sim;

    static ModelPipelineTests() => Environment.SetEnvironmentVariable(KeyVariable, "sk-test-simulator");

    public async ValueTask InitializeAsync()
    {
        _sim = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptYaml = Script });
        _directory.File("keel.yaml", $$"""
            models:
              oa:
                provider: openai
                model: gpt-4o-mini
                base_url: {{_sim.BaseUrl}}v1
                api_key_env: {{KeyVariable}}
                retry: { max_retries: 2, base_delay: 5ms }
              claude:
                provider: anthropic
                model: claude-test
                base_url: {{_sim.BaseUrl.ToString().TrimEnd('/')}}
                api_key_env: {{KeyVariable}}
                retry: { max_retries: 0 }
                fallbacks: [oa]
            prices:
              version: test-prices
              models:
                gpt-4o-mini: { input: 1000000, output: 2000000 }
            """);
        _directory.File("kb/trash.md", "# Trash\n\nDeleted files stay in the trash for 60 days. After that they are removed.\n");
        _directory.File("kb/billing.txt", "Refunds are available within 30 days of purchase.");
    }

    public async ValueTask DisposeAsync()
    {
        await _sim!.DisposeAsync();
        _directory.Dispose();
    }

    private KeelFixture Keel() => KeelFixture.Open(_directory);

    [Theory]
    [InlineData("oa", false)]
    [InlineData("oa", true)]
    [InlineData("claude", false)]
    [InlineData("claude", true)]
    public async Task Call_EachProvider_AnswersAndIsTracedWithUsage(string model, bool streaming)
    {
        using var keel = Keel();
        var client = keel.Get<ModelCatalog>().GetChatClient(model);

        var text = await CallAsync(client, "Say hello", streaming);
        await keel.Get<TraceWriter>().FlushAsync();
        var trace = Assert.Single(await keel.Get<ITraceStore>().ListAsync(10));

        Assert.StartsWith("Simulated reply from", text, StringComparison.Ordinal);
        Assert.Equal(("ok", model, streaming), (trace.Status, trace.Model, trace.Streaming));
        Assert.True(trace.InputTokens > 0 && trace.OutputTokens > 0);
        if (model == "oa")
        {
            Assert.Equal(trace.InputTokens + (2.0 * trace.OutputTokens), trace.CostUsd); // $1 and $2 per token in this table
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_TwoRateLimits_AreRetriedAndCounted(bool streaming)
    {
        using var keel = Keel();

        var text = await CallAsync(keel.Get<ModelCatalog>().GetChatClient("oa"), "a flaky question", streaming);
        await keel.Get<TraceWriter>().FlushAsync();

        Assert.Equal("Worked on the third try.", text);
        Assert.Equal(2, Assert.Single(await keel.Get<ITraceStore>().ListAsync(10)).Retries);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_PrimaryOverloaded_FallsBackAndRecordsTheRoute(bool streaming)
    {
        using var keel = Keel();

        var text = await CallAsync(keel.Get<ModelCatalog>().GetChatClient("claude"), "is there an outage?", streaming);
        await keel.Get<TraceWriter>().FlushAsync();
        var trace = Assert.Single(await keel.Get<ITraceStore>().ListAsync(10));

        Assert.Equal("Backup answering.", text);
        Assert.Equal(("claude", "oa", "claude"), (trace.Model, trace.AnsweredBy, trace.Fallbacks));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_EveryAttemptFails_TraceCountsTheRetries(bool streaming)
    {
        using var keel = Keel();

        await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(keel.Get<ModelCatalog>().GetChatClient("oa"), "about refunds", streaming));
        await keel.Get<TraceWriter>().FlushAsync();
        var trace = Assert.Single(await keel.Get<ITraceStore>().ListAsync(10));

        Assert.Equal(("error", "ServerError", 2, null), (trace.Status, trace.ErrorKind, trace.Retries, trace.Fallbacks));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_EveryModelFails_TraceRecordsTheFallbackAndItsRetries(bool streaming)
    {
        using var keel = Keel();

        await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(keel.Get<ModelCatalog>().GetChatClient("claude"), "about refunds", streaming));
        await keel.Get<TraceWriter>().FlushAsync();
        var trace = Assert.Single(await keel.Get<ITraceStore>().ListAsync(10));

        // claude (no retries) failed, then oa failed after its 2 retries: the same figures a successful fallback records.
        Assert.Equal(("error", 2, "claude", null), (trace.Status, trace.Retries, trace.Fallbacks, trace.AnsweredBy));
    }

    [Fact]
    public async Task Stream_CutMidWay_IsAnErrorNeverACleanEnd()
    {
        using var keel = Keel();

        var error = await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(keel.Get<ModelCatalog>().GetChatClient("oa"), "stream me please", streaming: true));
        await keel.Get<TraceWriter>().FlushAsync();

        Assert.Equal(ModelErrorKind.StreamInterrupted, error.Kind);
        Assert.Equal("StreamInterrupted", Assert.Single(await keel.Get<ITraceStore>().ListAsync(10)).ErrorKind);
    }

    [Fact]
    public async Task Stream_CutAfterARetry_TraceCountsTheRetry()
    {
        using var keel = Keel();

        var error = await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(keel.Get<ModelCatalog>().GetChatClient("oa"), "a shaky stream", streaming: true));
        await keel.Get<TraceWriter>().FlushAsync();
        var trace = Assert.Single(await keel.Get<ITraceStore>().ListAsync(10));

        Assert.Equal(ModelErrorKind.StreamInterrupted, error.Kind);
        Assert.Equal(("StreamInterrupted", 1), (trace.ErrorKind, trace.Retries));
    }

    [Fact]
    public async Task Stream_NoFirstTokenInTime_ErrorNamesTheConfiguredModelAndItsSetting()
    {
        var yaml = File.ReadAllText(Path.Combine(_directory.Path, "keel.yaml"));
        _directory.File("keel.yaml", yaml.Replace("retry: { max_retries: 2, base_delay: 5ms }", "retry: { max_retries: 0 }\n    timeout: { first_token: 200ms }", StringComparison.Ordinal));
        using var keel = Keel();

        var error = await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(keel.Get<ModelCatalog>().GetChatClient("oa"), "a slow start", streaming: true));

        Assert.Equal(ModelErrorKind.Timeout, error.Kind);
        Assert.StartsWith("oa (openai): the provider took longer than 0.2 s to send its first token (timeout.first_token).", error.Message, StringComparison.Ordinal);
        Assert.Contains("models.oa.timeout.first_token in keel.yaml (TimeoutOptions.FirstToken in code)", error.Message, StringComparison.Ordinal);
        Assert.Contains("~", error.Message, StringComparison.Ordinal);
        Assert.Equal("oa", error.Model);
    }

    [Theory]
    [InlineData("oa")]
    [InlineData("claude")]
    public async Task Call_ConnectionDroppedMidResponse_SaysSoNotThatTheProviderWasUnreachable(string model)
    {
        using var keel = Keel();

        var error = await Assert.ThrowsAsync<ModelCallException>(() => CallAsync(keel.Get<ModelCatalog>().GetChatClient(model), "drop the line", streaming: false));
        await keel.Get<TraceWriter>().FlushAsync();
        var trace = Assert.Single(await keel.Get<ITraceStore>().ListAsync(10));

        Assert.Equal(ModelErrorKind.ConnectionFailed, error.Kind);
        Assert.Contains("closed the connection in the middle of its response", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("could not reach the provider", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, trace.Error);
    }

    [Fact]
    public async Task Chat_Cli_ConnectionDroppedMidResponse_SaysSoAndHowOftenItWasRetried()
    {
        var run = await CliRunner.RunAsync(_directory.Path, "chat", "-m", "drop the line", "--model", "oa", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: oa (openai): the provider closed the connection in the middle of its response", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("Retried 2 times.", run.Error.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_Cli_StreamCutAfterPartOfTheAnswer_EndsTheLineBeforeTheError()
    {
        var run = await CliRunner.RunAsync(_directory.Path, "chat", "-m", "please stream me", "--model", "oa");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("This ", run.Out, StringComparison.Ordinal);
        Assert.EndsWith("\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("error: oa (openai): the stream was cut", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_Cli_StreamsTheAnswer()
    {
        var run = await CliRunner.RunAsync(_directory.Path, "chat", "-m", "Say hello", "--model", "claude");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Simulated reply from claude-test to: Say hello", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Traces_Cli_ListsAndSummarisesCalls()
    {
        await CliRunner.RunAsync(_directory.Path, "chat", "-m", "Say hello", "--model", "oa");
        await CliRunner.RunAsync(_directory.Path, "chat", "-m", "is there an outage?", "--model", "claude");

        var list = await CliRunner.RunAsync(_directory.Path, "traces", "--json");
        var stats = await CliRunner.RunAsync(_directory.Path, "traces", "stats", "--json");

        using var listJson = System.Text.Json.JsonDocument.Parse(list.Out);
        Assert.Equal(2, listJson.RootElement.GetProperty("traces").GetArrayLength());
        using var statsJson = System.Text.Json.JsonDocument.Parse(stats.Out);
        Assert.Equal(2, statsJson.RootElement.GetProperty("stats").GetArrayLength());
    }

    [Fact]
    public async Task TracesStats_Cli_UnpricedModelCostIsUnknownNotZero()
    {
        await CliRunner.RunAsync(_directory.Path, "chat", "-m", "Say hello", "--model", "oa");
        await CliRunner.RunAsync(_directory.Path, "chat", "-m", "Say hello", "--model", "claude"); // claude-test has no price

        var stats = await CliRunner.RunAsync(_directory.Path, "traces", "stats", "--json");
        var table = await CliRunner.RunAsync(_directory.Path, "traces", "stats");

        using var json = System.Text.Json.JsonDocument.Parse(stats.Out);
        var rows = json.RootElement.GetProperty("stats").EnumerateArray().ToDictionary(r => r.GetProperty("model").GetString()!);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, rows["claude"].GetProperty("cost_usd").ValueKind);
        Assert.Equal(1, rows["claude"].GetProperty("unpriced_calls").GetInt32());
        Assert.True(rows["oa"].GetProperty("cost_usd").GetDouble() > 0);
        Assert.Equal(0, rows["oa"].GetProperty("unpriced_calls").GetInt32());
        Assert.Contains("unknown", table.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_Cli_ChecksEachModel()
    {
        var run = await CliRunner.RunAsync(_directory.Path, "models", "--check", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Out);
        Assert.All(json.RootElement.GetProperty("models").EnumerateArray(), m => Assert.StartsWith("ok", m.GetProperty("check").GetString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Models_Cli_CheckFails_ExitsOneInEitherFormat(bool json)
    {
        // Nothing listens on port 9 (discard): every model's check fails to connect.
        var yaml = File.ReadAllText(Path.Combine(_directory.Path, "keel.yaml"));
        _directory.File("keel.yaml", yaml.Replace(_sim!.BaseUrl.ToString().TrimEnd('/'), "http://127.0.0.1:9", StringComparison.Ordinal));

        var run = await CliRunner.RunAsync(_directory.Path, json ? ["models", "--check", "--json"] : ["models", "--check"]);

        Assert.Equal(1, run.ExitCode);
        if (json)
        {
            using var document = System.Text.Json.JsonDocument.Parse(run.Out);
            Assert.All(document.RootElement.GetProperty("models").EnumerateArray(), m => Assert.StartsWith("failed", m.GetProperty("check").GetString(), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Ask_WithModel_WritesACitedAnswerAndDropsCitationsOfNoPassage()
    {
        _directory.File("keel.yaml", File.ReadAllText(Path.Combine(_directory.Path, "keel.yaml")) + "\nask:\n  model: oa\n");

        var run = await CliRunner.RunAsync(_directory.Path, "ask", "How long do deleted files stay in the trash?", "--docs", "kb", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal("generative", root.GetProperty("mode").GetString());
        Assert.Equal("Deleted files stay in the trash for 60 days [1]. They cannot be restored afterwards.", root.GetProperty("answer").GetString());
        Assert.Equal("kb/trash.md", root.GetProperty("citations")[0].GetProperty("source").GetString());
        Assert.Contains("[4]", root.GetProperty("notice").GetString(), StringComparison.Ordinal);
        var sentences = root.GetProperty("sentences");
        Assert.True(sentences[0].GetProperty("supported").GetBoolean());
        Assert.Equal("They cannot be restored afterwards.", sentences[1].GetProperty("text").GetString());
        Assert.False(sentences[1].GetProperty("supported").GetBoolean()); // it cites nothing
    }

    [Fact]
    public async Task Ask_WithModel_TerminalMarksTheUnsupportedSentence()
    {
        _directory.File("keel.yaml", File.ReadAllText(Path.Combine(_directory.Path, "keel.yaml")) + "\nask:\n  model: oa\n");

        var run = await CliRunner.RunAsync(_directory.Path, "ask", "How long do deleted files stay in the trash?", "--docs", "kb");

        Assert.Equal(0, run.ExitCode);
        var marked = Assert.Single(run.Console.Split('\n'), line => line.Contains("Unsupported", StringComparison.Ordinal));
        Assert.Contains("They cannot be", marked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ModelOutage_FallsBackToTheExtractiveAnswerAndSaysSo()
    {
        _directory.File("keel.yaml", File.ReadAllText(Path.Combine(_directory.Path, "keel.yaml")) + "\nask:\n  model: oa\n");

        var run = await CliRunner.RunAsync(_directory.Path, "ask", "When are refunds available?", "--docs", "kb", "--json");

        using var json = System.Text.Json.JsonDocument.Parse(run.Out);
        Assert.Equal("extractive", json.RootElement.GetProperty("mode").GetString());
        Assert.Contains("Refunds are available within 30 days", json.RootElement.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Contains("The model 'oa' failed", json.RootElement.GetProperty("notice").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithTools_RoundTripsThroughThePipeline()
    {
        using var keel = Keel();
        var calls = 0;
        var weather = AIFunctionFactory.Create((string city) => { calls++; return $"Sunny in {city}"; }, "get_weather", "Current weather for a city");
        using var client = new ChatClientBuilder(keel.Get<ModelCatalog>().GetChatClient("oa")).UseFunctionInvocation().Build();

        var response = await client.GetResponseAsync("What is the weather?", new ChatOptions { Tools = [weather] });

        Assert.Equal(1, calls);
        Assert.Contains("Sunny in", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_HostWithLogging_IsLoggedThroughMeai()
    {
        var logs = new CollectingLoggerProvider();
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddKeel(o => o.WorkingDirectory = _directory.Path);
        Microsoft.Extensions.DependencyInjection.LoggingServiceCollectionExtensions.AddLogging(services, b => b.AddProvider(logs).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug));
        using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);

        await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ModelCatalog>(provider).GetChatClient("oa").GetResponseAsync("Say hello");

        Assert.Contains(logs.Messages, m => m.Contains("GetResponseAsync", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Embeddings_OpenAiModel_AreGeneratedThroughTheSdk()
    {
        using var keel = Keel();

        var embeddings = await keel.Get<ModelCatalog>().GetEmbeddingGenerator("oa").GenerateAsync(["refunds", "trash"]);

        Assert.Equal(2, embeddings.Count);
        Assert.Equal(384, embeddings[0].Vector.Length);
        Assert.NotEqual(embeddings[0].Vector.ToArray(), embeddings[1].Vector.ToArray());
    }

    [Fact]
    public void Embeddings_AnthropicModel_SaysAnthropicHasNone()
    {
        using var keel = Keel();

        var error = Assert.Throws<KeelConfigurationException>(() => keel.Get<ModelCatalog>().GetEmbeddingGenerator("claude"));

        Assert.Contains("no embeddings API", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> CallAsync(IChatClient client, string message, bool streaming)
    {
        if (!streaming)
        {
            return (await client.GetResponseAsync(message)).Text;
        }

        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync(message))
        {
            text += update.Text;
        }

        return text;
    }

    private sealed class CollectingLoggerProvider : Microsoft.Extensions.Logging.ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Messages { get; } = new();

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(Messages);

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> messages) : Microsoft.Extensions.Logging.ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
