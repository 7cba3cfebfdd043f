namespace Keel;

/// <summary><c>equals</c>: the output, trimmed, is exactly the value (or the case's expected answer).</summary>
internal sealed class EqualsAssertion(string name, string? value) : IEvalAssertion
{
    public string Name => name;

    public ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken)
    {
        if ((value ?? output.Expected) is not { } expected)
        {
            return ValueTask.FromResult(AssertionResult.Error("equals has no value and the case no expected answer"));
        }

        var actual = output.Output.Trim();
        return ValueTask.FromResult(string.Equals(actual, expected.Trim(), StringComparison.Ordinal)
            ? AssertionResult.Pass("output equals the expected text")
            : AssertionResult.Fail($"expected '{AssertionText.Clip(expected)}', got '{AssertionText.Clip(actual)}'"));
    }
}
