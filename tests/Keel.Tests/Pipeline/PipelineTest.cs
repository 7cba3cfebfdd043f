using Microsoft.Extensions.AI;

namespace Keel.Tests.Pipeline;

/// <summary>Shared helpers for the pipeline layer tests.</summary>
internal static class PipelineTest
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static List<ChatMessage> Question { get; } = [new(ChatRole.User, "What is the capital of France?")];

    /// <summary>Calls the client the way the theory says, folding a stream into one response.</summary>
    public static Task<ChatResponse> CallAsync(IChatClient client, bool streaming, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        streaming
            ? client.GetStreamingResponseAsync(Question, options, cancellationToken).ToChatResponseAsync(cancellationToken)
            : client.GetResponseAsync(Question, options, cancellationToken);

    public static ChatResponse Answer(string text = "Paris.", UsageDetails? usage = null, string? modelId = null) =>
        new(new ChatMessage(ChatRole.Assistant, text)) { Usage = usage, ModelId = modelId };

    public static ModelCallException Error(ModelErrorKind kind, int? status = null, TimeSpan? retryAfter = null, string? model = null) =>
        new(kind, $"{kind} from the fake provider") { StatusCode = status, RetryAfter = retryAfter, Model = model };

    /// <summary>Waits (without advancing fake time) for work the test started on the thread pool to reach a point.</summary>
    public static void WaitFor(Func<bool> condition) =>
        Assert.True(SpinWait.SpinUntil(condition, Patience), "The pipeline did not reach the expected point.");

    /// <summary>A stream that yields the given chunks, then fails with <paramref name="error"/> (if any).</summary>
    public static async IAsyncEnumerable<ChatResponseUpdate> Chunks(IEnumerable<string> chunks, Exception? error = null)
    {
        await Task.CompletedTask;
        foreach (var chunk in chunks)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk);
        }

        if (error is not null)
        {
            throw error;
        }
    }
}
