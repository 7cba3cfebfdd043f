using System.Globalization;

namespace Keel;

/// <summary>Checks a run against the suite's gates and its baseline.</summary>
internal static class EvalGates
{
    public static List<EvalGateResult> Evaluate(EvalSummary summary, EvalGatesConfig gates, EvalBaselineComparison? baseline)
    {
        var results = new List<EvalGateResult>();
        if (gates.MinPassRate is { } min)
        {
            results.Add(MinRate("pass rate", summary.Overall, min));
        }

        foreach (var (name, minimum) in gates.Assertions)
        {
            results.Add(summary.ByAssertion.FirstOrDefault(r => r.Name == name) is { } rate
                ? MinRate($"assertion {name}", rate, minimum)
                : new EvalGateResult($"assertion {name}", false, $"no assertion named '{name}' ran"));
        }

        foreach (var (tag, minimum) in gates.Tags)
        {
            results.Add(summary.ByTag.FirstOrDefault(r => r.Name == tag) is { } rate
                ? MinRate($"tag {tag}", rate, minimum)
                : new EvalGateResult($"tag {tag}", false, $"no case is tagged '{tag}'"));
        }

        if (gates.MaxDrop is { } maxDrop && baseline is not null)
        {
            var significant = baseline.PValue < gates.Significance;
            var passed = baseline.Drop <= maxDrop || !significant;
            results.Add(new EvalGateResult("baseline", passed, string.Create(CultureInfo.InvariantCulture,
                $"{baseline.BaselinePassRate:0.0%} → {baseline.CurrentPassRate:0.0%} on {baseline.Paired} paired cases (drop {baseline.Drop:0.0%}, allowed {maxDrop:0.0%}); {baseline.Regressed} regressed, {baseline.Improved} improved, McNemar p = {baseline.PValue:0.####}{(significant ? "" : " (not significant)")}")));
        }

        return results;
    }

    public static EvalBaselineComparison Compare(IReadOnlyDictionary<string, bool> baseline, IReadOnlyDictionary<string, bool> current)
    {
        var paired = current.Keys.Where(baseline.ContainsKey).ToList();
        var regressed = paired.Where(k => baseline[k] && !current[k]).Order(StringComparer.Ordinal).ToList();
        var improved = paired.Count(k => !baseline[k] && current[k]);
        return new EvalBaselineComparison(
            paired.Count,
            paired.Count == 0 ? 0 : (double)paired.Count(k => baseline[k]) / paired.Count,
            paired.Count == 0 ? 0 : (double)paired.Count(k => current[k]) / paired.Count,
            regressed.Count,
            improved,
            EvalStatistics.McNemarExactP(regressed.Count, improved),
            regressed);
    }

    private static EvalGateResult MinRate(string gate, EvalRate rate, double minimum) =>
        new(gate, rate.Decided > 0 && rate.PassRate >= minimum, string.Create(CultureInfo.InvariantCulture,
            $"{rate.PassRate:0.0%} (95% CI {rate.Low:0.0%}–{rate.High:0.0%}, {rate.Passed}/{rate.Decided}) ≥ {minimum:0.0%} required"));
}
