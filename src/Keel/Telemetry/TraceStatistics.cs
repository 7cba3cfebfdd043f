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
                    Math.Round(g.Sum(t => t.CostUsd ?? 0), 6));
            })];

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>One model on one day.</summary>
internal sealed record TraceStatisticsRow(string Day, string Model, int Calls, int Errors, double P50Ms, double P95Ms, long InputTokens, long OutputTokens, double CostUsd);
