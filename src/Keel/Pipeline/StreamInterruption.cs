using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Turns a failure that came after part of a streamed answer reached the caller into
/// <see cref="ModelErrorKind.StreamInterrupted"/>, so nobody retries or switches model behind the caller's back.</summary>
internal static class StreamInterruption
{
    /// <summary>Yields the rest of a stream whose first update (when <paramref name="hasFirst"/>) is current; a failure
    /// from here on surfaces as <see cref="ModelErrorKind.StreamInterrupted"/>, after <paramref name="annotate"/> has
    /// added what the calling layer knows about the call (its retries, its fallbacks).</summary>
    public static async IAsyncEnumerable<ChatResponseUpdate> RestAsync(
        IAsyncEnumerator<ChatResponseUpdate> stream, bool hasFirst, Action<ModelCallException> annotate, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!hasFirst)
        {
            yield break;
        }

        yield return stream.Current;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool more;
            try
            {
                more = await stream.MoveNextAsync();
            }
            catch (ModelCallException ex)
            {
                // Retrying or switching model now would splice two answers together: the caller must see the cut.
                var cut = From(ex);
                annotate(cut);
                throw cut;
            }

            if (!more)
            {
                yield break;
            }

            yield return stream.Current;
        }
    }

    public static ModelCallException From(ModelCallException error)
    {
        if (error.Kind == ModelErrorKind.StreamInterrupted)
        {
            return error;
        }

        var model = error.Model is null ? "the model" : $"model '{error.Model}'";
        return new ModelCallException(
            ModelErrorKind.StreamInterrupted,
            $"The streamed response from {model} was cut after part of it had been delivered ({error.Kind}: {error.Message}). "
            + "It was not retried because the caller already holds the partial answer; call again to get a complete one.",
            error)
        {
            StatusCode = error.StatusCode,
            Model = error.Model,
            Retries = error.Retries,
            Fallbacks = error.Fallbacks,
        };
    }
}
