namespace Keel;

/// <summary>Model prices at a point in time, keyed by the provider's model id.</summary>
/// <param name="Version">Which edition of the prices this is (e.g. <c>2026-11-01</c>), recorded with every cost so old costs stay explainable.</param>
/// <param name="Prices">Prices keyed by model id (e.g. <c>gpt-4o-mini</c>).</param>
public sealed record PriceTable(string Version, IReadOnlyDictionary<string, ModelPrice> Prices)
{
    /// <summary>The price of a model, or <see langword="null"/> when the table does not know it.</summary>
    /// <param name="modelId">The model id a provider reported or was asked for.</param>
    /// <returns>The price of the exact id, else of the same id ignoring case, else of the id without a dated snapshot suffix
    /// (<c>gpt-4o-2024-08-06</c> is priced as <c>gpt-4o</c>); <see langword="null"/> otherwise.</returns>
    /// <remarks>Only an all-digit suffix is dropped, so <c>gpt-4o-mini</c> is never priced as <c>gpt-4o</c>.</remarks>
    public ModelPrice? Find(string? modelId)
    {
        if (string.IsNullOrEmpty(modelId) || Prices is null)
        {
            return null;
        }

        if (Prices.TryGetValue(modelId, out var exact))
        {
            return exact;
        }

        ModelPrice? best = null;
        var bestLength = -1;
        foreach (var (key, price) in Prices)
        {
            if (string.Equals(key, modelId, StringComparison.OrdinalIgnoreCase))
            {
                return price;
            }

            if (key.Length > bestLength && IsSnapshotOf(modelId, key))
            {
                best = price;
                bestLength = key.Length;
            }
        }

        return best;
    }

    private static bool IsSnapshotOf(string modelId, string key)
    {
        if (modelId.Length <= key.Length + 1 || modelId[key.Length] != '-' || !modelId.StartsWith(key, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var suffix = modelId.AsSpan(key.Length + 1);
        foreach (var c in suffix)
        {
            if (!char.IsAsciiDigit(c) && c != '-')
            {
                return false;
            }
        }

        return char.IsAsciiDigit(suffix[0]);
    }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Version))
        {
            throw new ArgumentException("PriceTable.Version must name the edition of the prices (e.g. a date).", nameof(Version));
        }

        if (Prices is null)
        {
            throw new ArgumentException("PriceTable.Prices must not be null.", nameof(Prices));
        }

        foreach (var (model, price) in Prices)
        {
            if (price is null || price.InputPerMillion < 0 || price.OutputPerMillion < 0 || price.CachedInputPerMillion < 0)
            {
                throw new ArgumentException($"PriceTable '{Version}': the price of '{model}' must be given and not negative.", nameof(Prices));
            }
        }
    }
}
