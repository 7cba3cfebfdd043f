namespace Keel.Bench;

/// <summary>Nearest-rank percentiles of measured latencies.</summary>
internal static class Percentiles
{
    /// <summary>The smallest value with at least <paramref name="p"/> of the values at or below it; 0 for none.</summary>
    public static double Of(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
