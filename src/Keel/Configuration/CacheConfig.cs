using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>The exact response cache (<c>cache:</c> in keel.yaml, top level or under a model).</summary>
internal sealed record CacheConfig
{
    /// <summary>Serve identical calls from the store instead of the model. Off by default.</summary>
    public bool Enabled { get; init; }

    /// <summary>How long an answer is served from the cache.</summary>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The most rows kept in the store; the oldest go first.</summary>
    [Range(1, 10_000_000)]
    public int MaxEntries { get; init; } = 10_000;
}
