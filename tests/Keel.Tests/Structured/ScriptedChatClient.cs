using Microsoft.Extensions.AI;

namespace Keel.Tests.Structured;

/// <summary>A hand-written fake model: each call is answered by a function of the conversation so far.</summary>
internal sealed class ScriptedChatClient(Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> answer, string? provider = null) : IChatClient
{
    public List<(List<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = [];

    public static ChatResponse Reply(string text, ChatFinishReason? finish = null) =>
        new(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = finish ?? ChatFinishReason.Stop, Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5 } };

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Calls.Add((list, options));
        return Task.FromResult(answer(list, options));
    }

    /// <summary>Gets how many characters each streamed update carries.</summary>
    public int ChunkSize { get; init; } = 5;

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        var text = response.Text;
        for (var i = 0; i < text.Length; i += ChunkSize)
        {
            var last = i + ChunkSize >= text.Length;
            yield return new ChatResponseUpdate(ChatRole.Assistant, text.Substring(i, Math.Min(ChunkSize, text.Length - i))) { FinishReason = last ? response.FinishReason : null };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) && provider is not null ? new ChatClientMetadata(provider) : null;

    public void Dispose()
    {
    }
}
