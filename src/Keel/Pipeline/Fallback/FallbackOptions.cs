namespace Keel;

/// <summary>Which models the fallback layer (<see cref="FallbackChatClientBuilderExtensions.UseFallback"/>) tries after the
/// one it wraps, and when.</summary>
/// <remarks>The wrapped client is tried first; then each of <see cref="Fallbacks"/> in order. A model is abandoned for the
/// next only on a transient <see cref="ModelCallException"/> (outage, 5xx, 429 after its retries, timeout), and for a
/// streamed call only before its first update reached the caller. Validated when the pipeline is built.</remarks>
public sealed record FallbackOptions
{
    /// <summary>The name reported for the wrapped (first) model.</summary>
    /// <value>Default <see langword="null"/>: the wrapped client's default model id, else <c>primary</c>.</value>
    public string? PrimaryName { get; init; }

    /// <summary>The models to try, in order, when the wrapped one fails. At least one; names must be distinct.</summary>
    /// <value>Default empty, which fails validation.</value>
    public IReadOnlyList<FallbackModel> Fallbacks { get; init; } = [];

    /// <summary>Whether errors that another try cannot fix on the same model (<see cref="ModelErrorKind.BadRequest"/>,
    /// <see cref="ModelErrorKind.Authentication"/>) also move on to the next model, e.g. when models have different
    /// context sizes or keys.</summary>
    /// <value>Default <see langword="false"/>: such errors reach the caller at once.</value>
    public bool FallBackOnNonTransient { get; init; }

    internal void Validate()
    {
        if (Fallbacks is null || Fallbacks.Count == 0)
        {
            throw new ArgumentException("FallbackOptions.Fallbacks must list at least one model to fall back on.", nameof(Fallbacks));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        if (PrimaryName is not null)
        {
            names.Add(PrimaryName);
        }

        for (var i = 0; i < Fallbacks.Count; i++)
        {
            var model = Fallbacks[i];
            if (model is null || string.IsNullOrWhiteSpace(model.Name) || model.Client is null)
            {
                throw new ArgumentException($"FallbackOptions.Fallbacks[{i}] needs a non-empty Name and a Client.", nameof(Fallbacks));
            }

            if (!names.Add(model.Name))
            {
                throw new ArgumentException($"FallbackOptions.Fallbacks[{i}]: the model name '{model.Name}' is used twice; names must be distinct.", nameof(Fallbacks));
            }
        }
    }
}
