namespace Keel;

/// <summary>The price table in <c>keel.yaml</c>: US dollars per million tokens, by provider model id.</summary>
internal sealed record PricesConfig
{
    /// <summary>A label for this table (a date, say), recorded with every priced call.</summary>
    public string Version { get; init; } = "unversioned";

    /// <summary>Prices by the provider's model id (<c>gpt-4o-mini</c>), not by Keel's model name.</summary>
    public IReadOnlyDictionary<string, PriceConfig> Models { get; init; } = new Dictionary<string, PriceConfig>(StringComparer.Ordinal);

    public PriceTable ToPriceTable() =>
        new(Version, Models.ToDictionary(p => p.Key, p => new ModelPrice(p.Value.Input, p.Value.Output, p.Value.CachedInput), StringComparer.Ordinal));
}

/// <summary>One model's prices in US dollars per million tokens.</summary>
internal sealed record PriceConfig
{
    public required decimal Input { get; init; }

    public required decimal Output { get; init; }

    /// <summary>Input tokens served from the provider's prompt cache; unset prices them as ordinary input.</summary>
    public decimal? CachedInput { get; init; }
}
