namespace Keel;

/// <summary>One model's override of the top-level <c>cache:</c> settings; an unset key keeps the top-level value.</summary>
internal sealed record ModelCacheConfig
{
    /// <summary>Whether this model's answers are cached.</summary>
    public bool? Enabled { get; init; }

    /// <summary>How long this model's answers are served from the cache.</summary>
    public TimeSpan? Ttl { get; init; }
}
