using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Keel.Tests.Pipeline;

/// <summary>A hand-written fake provider: each call runs the callback the test set (as MEAI's own tests do).</summary>
/// <remarks>With only <see cref="GetResponseAsyncCallback"/> set, a streaming call streams that response's updates, so one
/// script serves both paths of a theory.</remarks>
internal sealed class TestChatClient : IChatClient
{
    public Func<IEnumerable<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>>? GetResponseAsyncCallback { get; set; }

    public Func<IEnumerable<ChatMessage>, ChatOptions?, CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>? GetStreamingResponseAsyncCallback { get; set; }

    public string? DefaultModelId { get; set; }

    public int Calls { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        return GetResponseAsyncCallback?.Invoke(messages, options, cancellationToken)
            ?? throw new InvalidOperationException("The test set no GetResponseAsyncCallback.");
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        if (GetStreamingResponseAsyncCallback is { } streaming)
        {
            return streaming(messages, options, cancellationToken);
        }

        return StreamResponseAsync(messages, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("test", defaultModelId: DefaultModelId)
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var callback = GetResponseAsyncCallback ?? throw new InvalidOperationException("The test set no callback.");
        var response = await callback(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }
}
