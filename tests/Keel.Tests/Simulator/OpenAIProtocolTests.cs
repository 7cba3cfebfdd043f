using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Keel.Tests.Simulator;

public sealed class OpenAIProtocolTests
{
    private const string WeatherSchema = """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""";

    [Fact]
    public async Task CompleteChat_NoScript_DefaultReplyWithUsage()
    {
        await using var server = await SimClients.StartAsync();
        var client = SimClients.OpenAIChat(server);

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("What is the refund policy?")]);

        Assert.Equal("Simulated reply from gpt-4o-mini to: What is the refund policy?", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal("gpt-4o-mini", completion.Model);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.Equal(TokenCount(completion.Content[0].Text), completion.Usage.OutputTokenCount);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
        Assert.Equal(1, server.Stats.Count("POST /v1/chat/completions"));
    }

    [Fact]
    public async Task CompleteChatStreaming_ScriptedReply_DeltasJoinToReplyAndUsageArrives()
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - match: { contains: refund }
                reply: "Refunds take 30 days. [1]"
            """);
        var client = SimClients.OpenAIChat(server);

        var text = new StringBuilder();
        var updates = 0;
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("How do I get a REFUND?")]))
        {
            updates++;
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.Equal("Refunds take 30 days. [1]", text.ToString());
        Assert.True(updates > 3, "the reply arrives in several deltas");
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal(TokenCount("Refunds take 30 days. [1]"), usage.OutputTokenCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CompleteChat_ScriptedToolCall_ReturnsFunctionCall(bool streaming)
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - match: { contains: weather }
                tool_call: { name: get_weather, arguments: { city: Paris, days: 2 } }
            """);
        var client = SimClients.OpenAIChat(server);
        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("get_weather", "Weather for a city", BinaryData.FromString(WeatherSchema)) } };
        ChatMessage[] messages = [new UserChatMessage("What's the weather in Paris?")];

        string? name, id, arguments;
        ChatFinishReason? finish;
        if (streaming)
        {
            var args = new StringBuilder();
            name = id = null;
            finish = null;
            await foreach (var update in client.CompleteChatStreamingAsync(messages, options))
            {
                foreach (var call in update.ToolCallUpdates)
                {
                    name ??= call.FunctionName;
                    id ??= call.ToolCallId;
                    args.Append(call.FunctionArgumentsUpdate?.ToString());
                }

                finish ??= update.FinishReason;
            }

            arguments = args.ToString();
        }
        else
        {
            ChatCompletion completion = await client.CompleteChatAsync(messages, options);
            var call = Assert.Single(completion.ToolCalls);
            (name, id, arguments, finish) = (call.FunctionName, call.Id, call.FunctionArguments.ToString(), completion.FinishReason);
        }

        Assert.Equal("get_weather", name);
        Assert.StartsWith("call_", id, StringComparison.Ordinal);
        Assert.Equal("""{"city":"Paris","days":2}""", arguments);
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
    }

    [Fact]
    public async Task CompleteChat_ToolsOfferedNoRule_CallsFirstToolWithRequiredArguments()
    {
        await using var server = await SimClients.StartAsync();
        var client = SimClients.OpenAIChat(server);
        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("get_weather", "Weather", BinaryData.FromString(WeatherSchema)) } };

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("weather?")], options);

        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("""{"city":"simulated"}""", call.FunctionArguments.ToString());

        ChatCompletion answer = await client.CompleteChatAsync(
            [new UserChatMessage("weather?"), new AssistantChatMessage([call]), new ToolChatMessage(call.Id, "Sunny, 21 C")], options);
        Assert.Equal(ChatFinishReason.Stop, answer.FinishReason);
        Assert.Equal("Simulated reply from gpt-4o-mini using tool results: Sunny, 21 C", answer.Content[0].Text);
    }

    [Fact]
    public async Task CompleteChat_ToolChoice_NoneAnswersTextForcedCallsNamedTool()
    {
        await using var server = await SimClients.StartAsync();
        var client = SimClients.OpenAIChat(server);
        ChatTool[] tools = [ChatTool.CreateFunctionTool("first", "", BinaryData.FromString("{}")), ChatTool.CreateFunctionTool("second", "", BinaryData.FromString("{}"))];
        var none = new ChatCompletionOptions { ToolChoice = ChatToolChoice.CreateNoneChoice() };
        var forced = new ChatCompletionOptions { ToolChoice = ChatToolChoice.CreateFunctionChoice("second") };
        foreach (var tool in tools)
        {
            none.Tools.Add(tool);
            forced.Tools.Add(tool);
        }

        ChatCompletion text = await client.CompleteChatAsync([new UserChatMessage("hi")], none);
        ChatCompletion call = await client.CompleteChatAsync([new UserChatMessage("hi")], forced);

        Assert.Equal(ChatFinishReason.Stop, text.FinishReason);
        Assert.Equal("second", Assert.Single(call.ToolCalls).FunctionName);
    }

    [Fact]
    public async Task CompleteChat_MaxTokensBelowReply_FinishReasonLength()
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - reply: "one two three four five six seven eight nine ten eleven twelve"
            """);
        var client = SimClients.OpenAIChat(server);

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("count")], new ChatCompletionOptions { MaxOutputTokenCount = 3 });

        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal("one two", completion.Content[0].Text);
    }

    [Fact]
    public async Task GenerateEmbeddings_SameText_SameNormalisedVector()
    {
        await using var server = await SimClients.StartAsync();
        var client = SimClients.OpenAIEmbeddings(server);

        OpenAIEmbeddingCollection batch = await client.GenerateEmbeddingsAsync(["hello world", "something else", "hello world"]);
        OpenAIEmbedding single = await client.GenerateEmbeddingAsync("hello world", new EmbeddingGenerationOptions { Dimensions = 16 });

        var first = batch[0].ToFloats().ToArray();
        Assert.Equal(384, first.Length);
        Assert.Equal(first, batch[2].ToFloats().ToArray());
        Assert.NotEqual(first, batch[1].ToFloats().ToArray());
        Assert.Equal(1.0, Math.Sqrt(first.Sum(v => (double)v * v)), 4);
        Assert.Equal(16, single.ToFloats().Length);
    }

    [Fact]
    public async Task Embeddings_FloatFormat_ReturnsJsonNumbersAndUsage()
    {
        await using var server = await SimClients.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        using var response = await http.PostAsJsonAsync("v1/embeddings", new { model = "e", input = "abc", dimensions = 8, encoding_format = "float" });
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var vector = json.RootElement.GetProperty("data")[0].GetProperty("embedding");
        Assert.Equal(8, vector.GetArrayLength());
        Assert.Equal(JsonValueKind.Number, vector[0].ValueKind);
        Assert.Equal(1, json.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Models_Get_ListsDefaultAndScriptedModels()
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - match: { model: my-fine-tune }
                reply: hi
            """);
        var client = new OpenAI.Models.OpenAIModelClient(new System.ClientModel.ApiKeyCredential("sk-test"), SimClients.OpenAIOptions(server));

        var models = (await client.GetModelsAsync()).Value;

        Assert.Contains(models, m => m.Id == "gpt-4o-mini");
        Assert.Contains(models, m => m.Id == "my-fine-tune");
    }

    [Fact]
    public async Task Models_AnthropicVersionHeader_AnthropicShape()
    {
        await using var server = await SimClients.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        http.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");

        using var json = JsonDocument.Parse(await http.GetStringAsync("v1/models"));

        var first = json.RootElement.GetProperty("data")[0];
        Assert.Equal("model", first.GetProperty("type").GetString());
        Assert.True(first.TryGetProperty("display_name", out _));
        Assert.False(json.RootElement.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task ChatCompletions_BodyNotJson_Returns400WithOpenAIError()
    {
        await using var server = await SimClients.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        using var response = await http.PostAsync("v1/chat/completions", new StringContent("{not json", Encoding.UTF8, "application/json"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("invalid_request_error", json.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    private static int TokenCount(string text) => (text.Length + 3) / 4;
}
