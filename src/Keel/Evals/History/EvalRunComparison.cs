namespace Keel;

/// <summary>Two stored runs side by side, case by case (<c>keel eval compare A B</c>).</summary>
internal static class EvalRunComparison
{
    /// <summary>Every case whose outcome differs, or that is in one run only.</summary>
    public static List<EvalCaseChange> Changes(IReadOnlyList<EvalTrialResult> a, IReadOnlyList<EvalTrialResult> b)
    {
        var before = Outcomes(a);
        var after = Outcomes(b);
        var reasons = b.Where(t => t.Status != EvalStatus.Pass).GroupBy(t => t.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Error, StringComparer.Ordinal);
        return [.. before.Keys.Union(after.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(key => before.GetValueOrDefault(key) != after.GetValueOrDefault(key))
            .Select(key => new EvalCaseChange(key, before.GetValueOrDefault(key), after.GetValueOrDefault(key), reasons.GetValueOrDefault(key)))];
    }

    /// <summary>A case's outcome over its repeats: error when no repeat was decided, else pass or fail by majority.</summary>
    private static Dictionary<string, string> Outcomes(IReadOnlyList<EvalTrialResult> trials)
    {
        var decided = EvalSummarizer.CaseOutcomes(trials);
        return trials.Select(t => t.Key).Distinct(StringComparer.Ordinal)
            .ToDictionary(k => k, k => decided.TryGetValue(k, out var passed) ? passed ? "pass" : "fail" : "error", StringComparer.Ordinal);
    }
}

/// <summary>How one case changed between two runs; null where the case was not in that run.</summary>
internal sealed record EvalCaseChange(string Case, string? Before, string? After, string? Reason);
