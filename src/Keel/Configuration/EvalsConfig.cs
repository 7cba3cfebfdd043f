using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>Settings of <c>keel eval</c> (<c>evals:</c> in keel.yaml).</summary>
internal sealed record EvalsConfig
{
    /// <summary>The most model calls the eval cache keeps (its own bound, apart from <c>cache.max_entries</c>); the
    /// oldest go first. Large enough for a suite's whole matrix, or its second run calls the models again.</summary>
    [Range(1, 100_000_000)]
    public int CacheMaxEntries { get; init; } = 200_000;
}
