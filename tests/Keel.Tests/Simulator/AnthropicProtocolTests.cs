using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Anthropic.Models.Messages;

namespace Keel.Tests.Simulator;

public sealed class AnthropicProtocolTests
{
    private const string Model = "claude-haiku-4-5";

    [Fact]
    public async Task Create_NoScript_TextBlockEndTurnAndUsage()
    {
        await using var server = await SimClients.StartAsync();
        using var client = SimClients.Anthropic(server);

        var message = await client.Messages.Create(Params("Where is my parcel?"));

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("Simulated reply from claude-haiku-4-5 to: Where is my parcel?", text.Text);
        Assert.Equal(StopReason.EndTurn, message.StopReason!.Value());
        Assert.True(message.Usage.InputTokens > 0);
        Assert.Equal((text.Text.Length + 3) / 4, message.Usage.OutputTokens);
        Assert.Equal(1, server.Stats.Count("POST /v1/messages"));
    }

    [Fact]
    public async Task CreateStreaming_ScriptedReply_EventSequenceAndText()
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - match: { provider: anthropic, regex: "refund(s)?" }
                reply: "Refunds take 30 days. [1]"
            """);
        using var client = SimClients.Anthropic(server);

        var kinds = new List<string>();
        var text = new StringBuilder();
        StopReason? stop = null;
        long outputTokens = 0;
        await foreach (var streamEvent in client.Messages.CreateStreaming(Params("Refunds?")))
        {
            kinds.Add(streamEvent.Type.Raw());
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var piece))
            {
                text.Append(piece.Text);
            }

            if (streamEvent.TryPickDelta(out var messageDelta))
            {
                stop = messageDelta.Delta.StopReason!.Value();
                outputTokens = messageDelta.Usage.OutputTokens;
            }
        }

        Assert.Equal("Refunds take 30 days. [1]", text.ToString());
        Assert.Equal("message_start", kinds[0]);
        Assert.Equal("content_block_start", kinds[1]);
        Assert.Equal(["content_block_stop", "message_delta", "message_stop"], kinds[^3..]);
        Assert.Equal(StopReason.EndTurn, stop);
        Assert.Equal((text.Length + 3) / 4, outputTokens);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Create_ScriptedToolCall_ToolUseBlock(bool streaming)
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - match: { contains: weather }
                tool_call: { name: get_weather, arguments: { city: Paris } }
            """);
        using var client = SimClients.Anthropic(server);
        var parameters = Params("weather in Paris?") with
        {
            Tools = [new Tool { Name = "get_weather", InputSchema = new InputSchema { Properties = new Dictionary<string, JsonElement> { ["city"] = JsonSerializer.SerializeToElement(new { type = "string" }) }, Required = ["city"] } }],
        };

        string? name = null, id = null, input;
        StopReason? stop = null;
        if (streaming)
        {
            var json = new StringBuilder();
            await foreach (var streamEvent in client.Messages.CreateStreaming(parameters))
            {
                if (streamEvent.TryPickContentBlockStart(out var start) && start.ContentBlock.TryPickToolUse(out var toolStart))
                {
                    (name, id) = (toolStart.Name, toolStart.ID);
                }

                if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickInputJson(out var piece))
                {
                    json.Append(piece.PartialJson);
                }

                if (streamEvent.TryPickDelta(out var messageDelta))
                {
                    stop = messageDelta.Delta.StopReason!.Value();
                }
            }

            input = json.ToString();
        }
        else
        {
            var message = await client.Messages.Create(parameters);
            Assert.True(message.Content[0].TryPickToolUse(out var toolUse));
            (name, id, input, stop) = (toolUse.Name, toolUse.ID, JsonSerializer.Serialize(toolUse.Input), message.StopReason!.Value());
        }

        Assert.Equal("get_weather", name);
        Assert.StartsWith("toolu_", id, StringComparison.Ordinal);
        Assert.Equal("""{"city":"Paris"}""", input);
        Assert.Equal(StopReason.ToolUse, stop);
    }

    [Fact]
    public async Task Create_ToolChoiceNone_TextReply()
    {
        await using var server = await SimClients.StartAsync();
        using var client = SimClients.Anthropic(server);
        var parameters = Params("hi") with
        {
            Tools = [new Tool { Name = "lookup", InputSchema = new InputSchema() }],
            ToolChoice = new ToolChoiceNone(),
        };

        var message = await client.Messages.Create(parameters);

        Assert.Equal(StopReason.EndTurn, message.StopReason!.Value());
        Assert.True(message.Content[0].TryPickText(out _));
    }

    [Fact]
    public async Task Create_MaxTokensBelowReply_StopReasonMaxTokens()
    {
        await using var server = await SimClients.StartAsync();
        using var client = SimClients.Anthropic(server);

        var message = await client.Messages.Create(Params("tell me everything about the refund policy please") with { MaxTokens = 4 });

        Assert.Equal(StopReason.MaxTokens, message.StopReason!.Value());
        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.True(text.Text.Length <= 16);
    }

    [Fact]
    public async Task Messages_MissingMaxTokens_Returns400WithAnthropicError()
    {
        await using var server = await SimClients.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        using var response = await http.PostAsJsonAsync("v1/messages", new { model = Model, messages = new[] { new { role = "user", content = "hi" } } });
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("error", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", json.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    internal static MessageCreateParams Params(string text) => new()
    {
        Model = Model,
        MaxTokens = 256,
        Messages = [new UserMessageParam(text)],
    };
}
