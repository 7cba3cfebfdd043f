using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Passes a stream through unchanged while a layer watches it: each update as it goes by, then how the
/// stream ended — read to the end, failed, or abandoned by the caller.</summary>
internal static class StreamObserver
{
    /// <param name="stream">The inner layer's stream.</param>
    /// <param name="onUpdate">Called for each update before the caller sees it.</param>
    /// <param name="onEnd">Called once, after the inner stream is disposed, with whether it was read to the end and
    /// the exception it failed with (both false/null when the caller stopped reading early).</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public static async IAsyncEnumerable<ChatResponseUpdate> ObserveAsync(
        IAsyncEnumerable<ChatResponseUpdate> stream,
        Action<ChatResponseUpdate> onUpdate,
        Func<bool, Exception?, ValueTask> onEnd,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Exception? failure = null;
        var completed = false;
        var enumerator = stream.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (Exception ex)
                {
                    failure = ex;
                    throw;
                }

                onUpdate(enumerator.Current);
                yield return enumerator.Current;
            }

            completed = true;
        }
        finally
        {
            await enumerator.DisposeAsync();
            await onEnd(completed, failure);
        }
    }
}
