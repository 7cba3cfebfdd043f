namespace Keel;

/// <summary>An assertion with the suite's <c>weight</c>: 0 reports it without letting it decide the case.</summary>
internal sealed class WeightedAssertion(IEvalAssertion inner, double weight) : IEvalAssertion
{
    public string Name => inner.Name;

    public double Weight => weight;

    public ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken) => inner.EvaluateAsync(output, cancellationToken);
}
