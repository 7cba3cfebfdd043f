using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>When a run passes: minimum pass rates and the largest allowed drop against the baseline.</summary>
internal sealed record EvalGatesConfig
{
    [Range(0.0, 1.0)]
    public double? MinPassRate { get; init; }

    /// <summary>Minimum pass rate per assertion name.</summary>
    public IReadOnlyDictionary<string, double> Assertions { get; init; } = new Dictionary<string, double>();

    /// <summary>Minimum pass rate per case tag.</summary>
    public IReadOnlyDictionary<string, double> Tags { get; init; } = new Dictionary<string, double>();

    /// <summary>Largest allowed drop of the pass rate against the baseline, in [0, 1]; only a significant drop fails.</summary>
    [Range(0.0, 1.0)]
    public double? MaxDrop { get; init; }

    /// <summary>The p-value below which a drop counts as significant (McNemar's exact test).</summary>
    [Range(0.0, 1.0)]
    public double Significance { get; init; } = 0.05;
}
