using Keel.Simulator;
using Microsoft.Extensions.AI;

namespace Keel.Tests.Simulator;

public sealed class MeaiTests
{
    public static TheoryData<string, bool> ProvidersAndModes => new()
    {
        { "openai", false },
        { "openai", true },
        { "anthropic", false },
        { "anthropic", true },
    };

    [Theory]
    [MemberData(nameof(ProvidersAndModes))]
    public async Task GetResponse_ScriptedReply_TextUsageAndFinishReason(string provider, bool streaming)
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - match: { contains: refund }
                reply: "Refunds take 30 days. [1]"
            """);
        using var client = Create(server, provider);

        var response = streaming
            ? await client.GetStreamingResponseAsync("What about a refund?").ToChatResponseAsync()
            : await client.GetResponseAsync("What about a refund?");

        Assert.Equal("Refunds take 30 days. [1]", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.NotNull(response.Usage);
        Assert.Equal(7, response.Usage.OutputTokenCount);
        Assert.True(response.Usage.InputTokenCount > 0);
    }

    [Theory]
    [MemberData(nameof(ProvidersAndModes))]
    public async Task FunctionInvocation_ScriptedToolCall_RoundTripEndsWithReplyUsingToolResult(string provider, bool streaming)
    {
        await using var server = await SimClients.StartAsync("""
            rules:
              - match: { contains: weather }
                tool_call: { name: get_weather, arguments: { city: Paris } }
            """);
        using var inner = Create(server, provider);
        using var client = inner.AsBuilder().UseFunctionInvocation().Build();
        var calledWith = new List<string>();
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((string city) => { calledWith.Add(city); return $"Sunny in {city}"; }, "get_weather")] };

        var response = streaming
            ? await client.GetStreamingResponseAsync("What's the weather in Paris?", options).ToChatResponseAsync()
            : await client.GetResponseAsync("What's the weather in Paris?", options);

        Assert.Equal(["Paris"], calledWith);
        // MEAI sends the function result serialised as JSON, so the text arrives quoted.
        Assert.EndsWith("using tool results: \"Sunny in Paris\"", response.Text, StringComparison.Ordinal);
        Assert.Equal(2, server.Stats.TotalRequests);
    }

    [Fact]
    public async Task EmbeddingGenerator_OpenAI_DeterministicVectorsOfRequestedSize()
    {
        await using var server = await SimClients.StartAsync();
        using var generator = SimClients.OpenAIEmbeddings(server).AsIEmbeddingGenerator();

        var embeddings = await generator.GenerateAsync(["refund policy", "refund policy"], new EmbeddingGenerationOptions { Dimensions = 32 });

        Assert.Equal(2, embeddings.Count);
        Assert.Equal(32, embeddings[0].Vector.Length);
        Assert.Equal(embeddings[0].Vector.ToArray(), embeddings[1].Vector.ToArray());
        Assert.True(embeddings.Usage?.InputTokenCount > 0);
    }

    internal static IChatClient Create(SimulatorServer server, string provider) => provider == "openai"
        ? SimClients.OpenAIChat(server).AsIChatClient()
        : SimClients.Anthropic(server).AsIChatClient("claude-haiku-4-5");
}
