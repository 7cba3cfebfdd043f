namespace Keel;

/// <summary>One check applied to one case's output: deterministic (equals, regex, …) or model-graded (rubric, faithfulness, …).</summary>
/// <remarks>
/// An assertion never throws for a failed check: it returns <see cref="EvalStatus.Fail"/>. It returns
/// <see cref="EvalStatus.Error"/> when it could not decide (a judge's transport error, a judge verdict that did
/// not parse); only cancellation escapes as an exception.
/// </remarks>
internal interface IEvalAssertion
{
    /// <summary>The assertion's name as written in a suite (<c>contains</c>, <c>rubric</c>, …), used in reports and gates.</summary>
    string Name { get; }

    ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken);
}
