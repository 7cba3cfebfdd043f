using Microsoft.Extensions.AI;
using static Keel.Tests.Pipeline.PipelineTest;

namespace Keel.Tests.Pipeline.Routing;

/// <summary>Helpers for the routing tests: targets that answer with their own name.</summary>
internal static class RoutingTest
{
    public static TestChatClient Named(string name) => new() { GetResponseAsyncCallback = (_, _, _) => Task.FromResult(Answer("From " + name + ".")) };

    public static RouteTarget Target(string name, int weight = 1) => new(name, Named(name)) { Weight = weight };

    public static ChatOptions With(string key, string value) => new() { AdditionalProperties = new() { [key] = value } };

    public static string? AnsweredBy(ChatResponse response) => response.AdditionalProperties?[KeelPropertyNames.Model] as string;

    public static async Task<string?> RouteAsync(IChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options = null) =>
        AnsweredBy(await client.GetResponseAsync(messages, options));
}
