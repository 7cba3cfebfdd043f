namespace Keel;

/// <summary>Computes an <see cref="EvalSummary"/> from the trials of a run.</summary>
internal static class EvalSummarizer
{
    public static EvalSummary Summarize(IReadOnlyList<EvalTrialResult> trials, int repeat)
    {
        var cases = trials.GroupBy(t => t.Key, StringComparer.Ordinal).ToList();
        var decidedCases = cases
            .Select(g => (Passed: g.Count(t => t.Status == EvalStatus.Pass), Decided: g.Count(t => t.Status != EvalStatus.Error)))
            .Where(c => c.Decided > 0)
            .ToList();
        var atK = decidedCases.Where(c => c.Decided >= repeat).ToList();
        var judged = trials.SelectMany(t => t.Assertions).Where(a => a.Judged).ToList();
        var latencies = trials.Where(t => t.Error is null).Select(t => t.LatencyMs).Order().ToArray();
        return new EvalSummary
        {
            Overall = Rate("all", trials.Select(t => t.Status)),
            ErrorRate = trials.Count == 0 ? 0 : (double)trials.Count(t => t.Status == EvalStatus.Error) / trials.Count,
            K = repeat,
            PassAt1 = decidedCases.Count == 0 ? 0 : decidedCases.Average(c => (double)c.Passed / c.Decided),
            PassAtK = atK.Count == 0 ? 0 : atK.Average(c => EvalStatistics.PassAtK(c.Decided, c.Passed, repeat)),
            PassHatK = atK.Count == 0 ? 0 : atK.Average(c => EvalStatistics.PassHatK(c.Decided, c.Passed, repeat)),
            Flaky = [.. cases.Where(g => g.Any(t => t.Status == EvalStatus.Pass) && g.Any(t => t.Status == EvalStatus.Fail)).Select(g => g.Key)],
            ByTarget = [.. trials.GroupBy(t => t.Target, StringComparer.Ordinal).Select(g => Rate(g.Key, g.Select(t => t.Status)))],
            ByAssertion = [.. trials.SelectMany(t => t.Assertions).GroupBy(a => a.Name, StringComparer.Ordinal).Select(g => Rate(g.Key, g.Select(a => a.Status)))],
            ByTag = [.. trials.SelectMany(t => t.Tags.Select(tag => (tag, t.Status))).GroupBy(x => x.tag, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Rate(g.Key, g.Select(x => x.Status)))],
            JudgeParseFailureRate = judged.Count == 0 ? null : (double)judged.Count(a => a.JudgeParseFailed) / judged.Count,
            LatencyP50Ms = TraceStatistics.Percentile(latencies, 0.5),
            LatencyP95Ms = TraceStatistics.Percentile(latencies, 0.95),
            CostUsd = trials.Sum(t => t.CostUsd ?? 0),
            // Tokens mark a model call: an ask target without a model has neither tokens nor a cost, and costs nothing.
            UnpricedCalls = trials.Count(t => t.CostUsd is null && t.Status != EvalStatus.Error && (t.InputTokens is not null || t.OutputTokens is not null)),
            Tokens = trials.Sum(t => (t.InputTokens ?? 0) + (t.OutputTokens ?? 0)),
            CachedCalls = trials.Count(t => t.Cached),
        };
    }

    /// <summary>Each case's outcome over its repeats: pass when at least half of its decided trials passed; cases
    /// with only errors are left out.</summary>
    public static Dictionary<string, bool> CaseOutcomes(IEnumerable<EvalTrialResult> trials) =>
        trials.GroupBy(t => t.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, Passed: g.Count(t => t.Status == EvalStatus.Pass), Decided: g.Count(t => t.Status != EvalStatus.Error)))
            .Where(c => c.Decided > 0)
            .ToDictionary(c => c.Key, c => c.Passed * 2 >= c.Decided, StringComparer.Ordinal);

    private static EvalRate Rate(string name, IEnumerable<EvalStatus> statuses)
    {
        int passed = 0, failed = 0, errors = 0;
        foreach (var status in statuses)
        {
            _ = status switch
            {
                EvalStatus.Pass => passed++,
                EvalStatus.Fail => failed++,
                _ => errors++,
            };
        }

        return new EvalRate(name, passed, failed, errors);
    }
}
