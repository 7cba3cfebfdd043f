namespace Keel;

/// <summary><c>latency</c> (ms), <c>tokens</c> (input + output) and <c>cost</c> (USD): the call stayed within
/// <c>threshold</c>. A call that did not report the figure is an error, never a pass.</summary>
internal sealed class LimitAssertion(string name, string unit, double limit, Func<EvalOutput, double?> measure) : IEvalAssertion
{
    public string Name => name;

    public ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken)
    {
        if (measure(output) is not { } value)
        {
            return ValueTask.FromResult(AssertionResult.Error($"{name}: the call reported no {unit}"));
        }

        return ValueTask.FromResult(value <= limit
            ? AssertionResult.Pass($"{AssertionText.Number(value)} {unit} ≤ {AssertionText.Number(limit)}")
            : AssertionResult.Fail($"{AssertionText.Number(value)} {unit} > {AssertionText.Number(limit)}"));
    }
}
