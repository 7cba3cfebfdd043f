namespace Keel;

/// <summary><c>rouge-n</c>, <c>rouge-l</c> and <c>bleu</c>: an overlap score between the output and the value (or the
/// expected answer) is at least <c>threshold</c>.</summary>
internal sealed class OverlapScoreAssertion(string name, string? value, double threshold, Func<string, string, double> score) : IEvalAssertion
{
    public string Name => name;

    public ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken)
    {
        if ((value ?? output.Expected) is not { } expected)
        {
            return ValueTask.FromResult(AssertionResult.Error($"{name} has no value and the case no expected answer"));
        }

        var s = score(output.Output, expected);
        return ValueTask.FromResult(s >= threshold
            ? AssertionResult.Pass($"{name} {AssertionText.Number(s)} ≥ {AssertionText.Number(threshold)}", s)
            : AssertionResult.Fail($"{name} {AssertionText.Number(s)} < {AssertionText.Number(threshold)}", s));
    }
}
