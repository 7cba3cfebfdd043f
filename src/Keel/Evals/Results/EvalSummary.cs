namespace Keel;

/// <summary>The figures of one run: counts, pass rates with Wilson 95% intervals, pass@k / pass^k, flaky cases, and
/// the breakdowns by target, assertion and tag.</summary>
internal sealed record EvalSummary
{
    public required EvalRate Overall { get; init; }

    /// <summary>Errors over all trials.</summary>
    public double ErrorRate { get; init; }

    /// <summary>The k of pass@k and pass^k: the suite's repeat count.</summary>
    public int K { get; init; }

    public double PassAt1 { get; init; }

    public double PassAtK { get; init; }

    public double PassHatK { get; init; }

    /// <summary>Cases (<c>target/case</c>) that both passed and failed across repeats.</summary>
    public IReadOnlyList<string> Flaky { get; init; } = [];

    public IReadOnlyList<EvalRate> ByTarget { get; init; } = [];

    public IReadOnlyList<EvalRate> ByAssertion { get; init; } = [];

    public IReadOnlyList<EvalRate> ByTag { get; init; } = [];

    /// <summary>Judge verdicts that did not parse over all judge verdicts; null when no judge ran.</summary>
    public double? JudgeParseFailureRate { get; init; }

    public double LatencyP50Ms { get; init; }

    public double LatencyP95Ms { get; init; }

    public decimal CostUsd { get; init; }

    public long Tokens { get; init; }

    public int CachedCalls { get; init; }
}

/// <summary>Passes, failures and errors of a group; the pass rate counts decided trials only (errors are neither).</summary>
internal sealed record EvalRate(string Name, int Passed, int Failed, int Errors)
{
    public int Decided => Passed + Failed;

    public double PassRate => Decided == 0 ? 0 : (double)Passed / Decided;

    public double Low => EvalStatistics.Wilson(Passed, Decided).Low;

    public double High => EvalStatistics.Wilson(Passed, Decided).High;
}
