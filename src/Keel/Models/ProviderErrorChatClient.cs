using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>The provider boundary for chat: turns each SDK's exceptions into <see cref="ModelCallException"/>
/// (<see cref="ProviderErrors"/>), and a stream that ends without a finish reason into
/// <see cref="ModelErrorKind.StreamInterrupted"/>, never a clean end.</summary>
internal sealed class ProviderErrorChatClient(IChatClient inner, ProviderErrors errors)
    : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var capture = RetryAfterCapture.Begin();
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception ex) when (errors.Translate(ex, capture, streamStarted: false, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var capture = RetryAfterCapture.Begin();
        IAsyncEnumerator<ChatResponseUpdate> enumerator;
        try
        {
            enumerator = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception ex) when (errors.Translate(ex, capture, streamStarted: false, cancellationToken) is { } translated)
        {
            throw translated;
        }

        await using (enumerator)
        {
            var started = false;
            var finished = false;
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (Exception ex) when (errors.Translate(ex, capture, started, cancellationToken) is { } translated)
                {
                    throw translated;
                }

                started = true;
                finished |= enumerator.Current.FinishReason is not null;
                yield return enumerator.Current;
            }

            if (!finished)
            {
                throw errors.StreamEndedUnfinished();
            }
        }
    }
}
