using Keel.Simulator;

namespace Keel.Tests.Simulator;

public sealed class ScriptParserTests
{
    [Fact]
    public void Parse_FullScript_ReadsRulesAndFaultRate()
    {
        var script = ScriptParser.Parse("""
            rules:
              - match: { model: "gpt-4o-mini", contains: "refund", regex: "re(fund|turn)", provider: openai }
                reply: "Refunds take 30 days. [1]"
                delay_ms: 50
              - tool_call: { name: get_weather, arguments: { city: Paris, days: 3, metric: true, note: "42" } }
              - fault: { kind: rate_limit, retry_after: 2 }
                times: 2
            fault_rate: { rate: 0.2, kinds: [rate_limit, server_error, drop_mid_stream], seed: 42 }
            """, "test.yaml");

        Assert.Equal(3, script.Rules.Count);
        var first = script.Rules[0];
        Assert.Equal("gpt-4o-mini", first.Match.Model);
        Assert.Equal(SimProvider.OpenAI, first.Match.Provider);
        Assert.Equal("Refunds take 30 days. [1]", first.Reply);
        Assert.Equal(50, first.DelayMs);
        Assert.Equal(2, first.Line);
        Assert.Equal("""{"city":"Paris","days":3,"metric":true,"note":"42"}""", script.Rules[1].ToolCall!.ArgumentsJson);
        Assert.Equal(new FaultSpec(FaultKind.RateLimit, RetryAfterSeconds: 2), script.Rules[2].Fault);
        Assert.Equal(2, script.Rules[2].Times);
        Assert.Equal(0.2, script.FaultRate!.Rate);
        Assert.Equal([FaultKind.RateLimit, FaultKind.ServerError, FaultKind.DropMidStream], script.FaultRate.Kinds);
        Assert.Equal(42, script.FaultRate.Seed);
    }

    [Fact]
    public async Task SampleScript_RefundQuestionTwice_RateLimitThenScriptedReply()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptPath = RepositoryPaths.Combine("samples", "sim", "refunds.yaml") });
        var client = SimClients.OpenAIChat(server);

        var ex = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => client.CompleteChatAsync([new OpenAI.Chat.UserChatMessage("refund?")]));
        OpenAI.Chat.ChatCompletion completion = await client.CompleteChatAsync([new OpenAI.Chat.UserChatMessage("refund?")]);

        Assert.Equal(429, ex.Status);
        Assert.Equal("Refunds take 30 days. [1]", completion.Content[0].Text);
    }

    [Fact]
    public void Parse_EmptyText_EmptyScript()
    {
        Assert.Empty(ScriptParser.Parse("", "empty.yaml").Rules);
    }

    [Theory]
    [InlineData("rules:\n  - reply: ok\n  - fault: { kind: boom }\n", 3, "unknown fault kind 'boom'; expected one of rate_limit")]
    [InlineData("rules:\n  - replyy: ok\n", 2, "unknown key 'replyy' in a rule; expected one of: match, reply")]
    [InlineData("rules:\n  - match: { contains: x }\n", 2, "a rule needs 'reply', 'tool_call' or 'fault'")]
    [InlineData("rules:\n  - reply: ok\n    times: twice\n", 3, "'times' must be a whole number, got 'twice'")]
    [InlineData("rules:\n  - reply: ok\n    match: { regex: \"(unclosed\" }\n", 3, "'regex' is not a valid .NET regular expression")]
    [InlineData("rules:\n  - fault: { kind: server_error, status: 418 }\n", 2, "'status' must be one of 500, 502, 503 or 529, got 418")]
    [InlineData("rules:\n  - match: { provider: gemini }\n    reply: ok\n", 2, "'provider' must be 'openai' or 'anthropic'")]
    [InlineData("fault_rate: { rate: 1.5 }\n", 1, "'rate' must be between 0 and 1, got 1.5")]
    [InlineData("rules:\n  - reply: \"unterminated\n", 2, "this is not valid YAML")]
    [InlineData("rules: not-a-list\n", 1, "'rules' must be a list of rules")]
    [InlineData("- just\n- a list\n", 1, "the script must be a mapping with 'rules'")]
    public void Parse_BadScript_ErrorNamesFileLineAndExpectation(string yaml, int line, string expected)
    {
        var ex = Assert.Throws<SimulatorScriptException>(() => ScriptParser.Parse(yaml, "sim.yaml"));

        Assert.Equal(line, ex.Line);
        Assert.Equal("sim.yaml", ex.ScriptSource);
        Assert.StartsWith($"sim.yaml:{line}:", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_BadScriptFile_ThrowsWithFilePathAndLine()
    {
        using var directory = new TempDirectory();
        var path = directory.File("sim.yaml", "rules:\n  - reply: ok\n  - fault: { kind: rate_limit, retry_after: soon }\n");

        var ex = await Assert.ThrowsAsync<SimulatorScriptException>(() => SimulatorServer.StartAsync(new SimulatorOptions { ScriptPath = path }));

        Assert.Equal($"{path}:3:45: 'retry_after' must be a whole number, got 'soon'.", ex.Message);
    }

    [Fact]
    public async Task StartAsync_MissingScriptFile_ThrowsFileNotFound()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => SimulatorServer.StartAsync(new SimulatorOptions { ScriptPath = "/nonexistent/sim.yaml" }));
    }
}
