using System.Globalization;

namespace Keel;

/// <summary>Aggregates traces into per-model, per-day figures for <c>keel traces stats</c>.</summary>
internal static class TraceStatistics
{
    public static IReadOnlyList<TraceStatisticsRow> ByModelAndDay(IEnumerable<TraceRecord> traces) =>
        [.. traces
            .GroupBy(t => (Day: t.StartedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), t.Model))
            .OrderBy(g => g.Key.Day, StringComparer.Ordinal).ThenBy(g => g.Key.Model, StringComparer.Ordinal)
            .Select(g =>
            {
                var latencies = g.Select(t => t.LatencyMs).Order().ToArray();
                return new TraceStatisticsRow(
                    g.Key.Day,
                    g.Key.Model,
                    latencies.Length,
                    g.Count(t => t.Status != "ok"),
                    Percentile(latencies, 0.50),
                    Percentile(latencies, 0.95),
                    g.Sum(t => t.InputTokens ?? 0),
                    g.Sum(t => t.OutputTokens ?? 0),
                    CostOf(g),
                    g.Count(IsUnpriced));
            })];

    /// <summary>The sum of the calls' known costs; <see langword="null"/> (unknown) when calls answered but none was
    /// priced. A call with no price is never counted as free: the row's <see cref="TraceStatisticsRow.UnpricedCalls"/> says how many the sum leaves out.</summary>
    public static double? CostOf(IEnumerable<TraceRecord> traces)
    {
        var priced = traces.Where(t => t.CostUsd is not null).ToList();
        return priced.Count == 0 && traces.Any(IsUnpriced) ? null : Math.Round(priced.Sum(t => t.CostUsd!.Value), 6);
    }

    /// <summary>An answered call whose cost is unknown (its model has no price). A failed call is not: it used no
    /// tokens that could be priced.</summary>
    public static bool IsUnpriced(TraceRecord trace) => trace.CostUsd is null && trace.Status == "ok";

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>One model on one day. <paramref name="CostUsd"/> is the sum of the priced calls (null when none was
/// priced); <paramref name="UnpricedCalls"/> the answered calls it leaves out because their model has no price.</summary>
internal sealed record TraceStatisticsRow(string Day, string Model, int Calls, int Errors, double P50Ms, double P95Ms, long InputTokens, long OutputTokens, double? CostUsd, int UnpricedCalls);
