namespace Keel;

/// <summary>A finished eval run: every trial, the summary, the gates and the baseline comparison.</summary>
internal sealed record EvalRunResult
{
    public required string RunId { get; init; }

    public required string Suite { get; init; }

    public string? Description { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public double ElapsedMs { get; init; }

    public required IReadOnlyList<EvalTrialResult> Trials { get; init; }

    public required EvalSummary Summary { get; init; }

    public IReadOnlyList<EvalGateResult> Gates { get; init; } = [];

    public EvalBaselineComparison? Baseline { get; init; }

    /// <summary>The suite's warnings (<see cref="EvalSuite.Warnings"/>), so JSON output and reports carry them.</summary>
    public IReadOnlyList<EvalSuiteWarning> Warnings { get; init; } = [];

    public bool GatesPassed => Gates.All(g => g.Passed);
}
