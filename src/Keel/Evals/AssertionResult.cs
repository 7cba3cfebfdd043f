namespace Keel;

/// <summary>The outcome of one assertion on one case.</summary>
/// <param name="Status">Pass, fail or error.</param>
/// <param name="Reason">Why, in one line a person can act on (expected vs received, the judge's reason, the error).</param>
/// <param name="Score">A graded score in [0, 1] where the assertion has one (similarity, rubric, ROUGE, …).</param>
internal sealed record AssertionResult(EvalStatus Status, string Reason, double? Score = null)
{
    /// <summary>True when a model judge answered but its verdict could not be parsed (reported as the judge parse-failure rate).</summary>
    public bool JudgeParseFailed { get; init; }

    /// <summary>True when a model judge decided (or failed to decide) this result: what the judge parse-failure rate
    /// counts, whatever the assertion is named.</summary>
    public bool Judged { get; init; }

    public static AssertionResult Pass(string reason, double? score = null) => new(EvalStatus.Pass, reason, score);

    public static AssertionResult Fail(string reason, double? score = null) => new(EvalStatus.Fail, reason, score);

    public static AssertionResult Error(string reason) => new(EvalStatus.Error, reason);
}
