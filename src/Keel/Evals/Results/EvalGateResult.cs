namespace Keel;

/// <summary>One gate of a suite and whether the run met it.</summary>
/// <param name="Gate">Which gate: <c>pass rate</c>, <c>assertion NAME</c>, <c>tag NAME</c> or <c>baseline</c>.</param>
/// <param name="Passed">Whether the run met it.</param>
/// <param name="Detail">The figures behind the decision, in one line.</param>
public sealed record EvalGateResult(string Gate, bool Passed, string Detail);

/// <summary>The run against the baseline, on the cases both decided.</summary>
/// <param name="Paired">Cases decided in both.</param>
/// <param name="BaselinePassRate">Share of paired cases that passed in the baseline.</param>
/// <param name="CurrentPassRate">Share of paired cases that pass now.</param>
/// <param name="Regressed">Passed in the baseline, fail now (McNemar's b).</param>
/// <param name="Improved">Failed in the baseline, pass now (McNemar's c).</param>
/// <param name="PValue">McNemar's exact two-sided p-value.</param>
/// <param name="RegressedCases">The regressed cases' keys.</param>
public sealed record EvalBaselineComparison(int Paired, double BaselinePassRate, double CurrentPassRate, int Regressed, int Improved, double PValue, IReadOnlyList<string> RegressedCases)
{
    /// <summary>The baseline's pass rate minus the current one, on the paired cases.</summary>
    public double Drop => BaselinePassRate - CurrentPassRate;
}
