using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>BM25 ranking settings.</summary>
internal sealed record SearchConfig
{
    /// <summary>BM25 term-frequency saturation.</summary>
    [Range(0.0, 10.0)]
    public double K1 { get; init; } = 1.2;

    /// <summary>BM25 length normalisation (0 = none, 1 = full).</summary>
    [Range(0.0, 1.0)]
    public double B { get; init; } = 0.75;

    /// <summary>How many results <c>keel search</c> prints.</summary>
    [Range(1, 1000)]
    public int TopK { get; init; } = 5;
}
