namespace Keel;

/// <summary>The figures of one run: counts, pass rates with Wilson 95% intervals, pass@k / pass^k, flaky cases, and
/// the breakdowns by target, assertion and tag.</summary>
public sealed record EvalSummary
{
    /// <summary>All trials together.</summary>
    public required EvalRate Overall { get; init; }

    /// <summary>Errors over all trials.</summary>
    public double ErrorRate { get; init; }

    /// <summary>The k of pass@k and pass^k: the suite's repeat count.</summary>
    public int K { get; init; }

    /// <summary>The mean over cases of the share of a case's repeats that passed.</summary>
    public double PassAt1 { get; init; }

    /// <summary>The mean over cases of pass@k: the chance that at least one of k repeats passes (Chen et al.'s unbiased estimator).</summary>
    public double PassAtK { get; init; }

    /// <summary>The mean over cases of pass^k: the chance that all k repeats pass.</summary>
    public double PassHatK { get; init; }

    /// <summary>Cases (<c>target/case</c>) that both passed and failed across repeats.</summary>
    public IReadOnlyList<string> Flaky { get; init; } = [];

    /// <summary>Pass rates by target (<c>ask</c> or a model).</summary>
    public IReadOnlyList<EvalRate> ByTarget { get; init; } = [];

    /// <summary>Pass rates by assertion name.</summary>
    public IReadOnlyList<EvalRate> ByAssertion { get; init; } = [];

    /// <summary>Pass rates by case tag.</summary>
    public IReadOnlyList<EvalRate> ByTag { get; init; } = [];

    /// <summary>Judge verdicts that did not parse over all judge verdicts; null when no judge ran.</summary>
    public double? JudgeParseFailureRate { get; init; }

    /// <summary>The median latency of the calls under test, in milliseconds.</summary>
    public double LatencyP50Ms { get; init; }

    /// <summary>The 95th percentile latency of the calls under test, in milliseconds.</summary>
    public double LatencyP95Ms { get; init; }

    /// <summary>The cost of the priced calls under test, in US dollars; calls whose model has no price are counted in
    /// <see cref="UnpricedCalls"/> instead, never guessed.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>The calls under test that answered but whose model has no price: their cost is unknown, not 0.</summary>
    public int UnpricedCalls { get; init; }

    /// <summary>The cost as reports show it: <c>$0.0123</c>, <c>$0.0123 + 2 unpriced calls</c>, or <c>unknown (2 calls unpriced)</c>.</summary>
    internal string CostText() => UnpricedCalls == 0 ? Dollars(CostUsd)
        : CostUsd == 0 ? $"unknown ({Calls(UnpricedCalls)} unpriced)"
        : $"{Dollars(CostUsd)} + {Calls(UnpricedCalls)} unpriced";

    private static string Dollars(decimal cost) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"${cost:0.####}");

    private static string Calls(int count) => count == 1 ? "1 call" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count} calls");

    /// <summary>Input and output tokens of the calls under test.</summary>
    public long Tokens { get; init; }

    /// <summary>Calls answered from the eval cache.</summary>
    public int CachedCalls { get; init; }
}

/// <summary>Passes, failures and errors of a group; the pass rate counts decided trials only (errors are neither).</summary>
/// <param name="Name">The group: <c>all</c>, a target, an assertion or a tag.</param>
/// <param name="Passed">Trials that passed.</param>
/// <param name="Failed">Trials that failed.</param>
/// <param name="Errors">Trials that ended in ERROR.</param>
public sealed record EvalRate(string Name, int Passed, int Failed, int Errors)
{
    /// <summary>Trials that passed or failed.</summary>
    public int Decided => Passed + Failed;

    /// <summary>Passed over decided; 0 when none was decided.</summary>
    public double PassRate => Decided == 0 ? 0 : (double)Passed / Decided;

    /// <summary>The low end of the Wilson 95% interval of the pass rate.</summary>
    public double Low => EvalStatistics.Wilson(Passed, Decided).Low;

    /// <summary>The high end of the Wilson 95% interval of the pass rate.</summary>
    public double High => EvalStatistics.Wilson(Passed, Decided).High;
}
