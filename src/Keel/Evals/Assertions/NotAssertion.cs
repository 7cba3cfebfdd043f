namespace Keel;

/// <summary><c>not-TYPE</c>: passes when the inner assertion fails; an error stays an error.</summary>
internal sealed class NotAssertion(string name, IEvalAssertion inner) : IEvalAssertion
{
    public string Name => name;

    public async ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken)
    {
        var result = await inner.EvaluateAsync(output, cancellationToken);
        return result.Status switch
        {
            EvalStatus.Pass => AssertionResult.Fail($"expected not: {result.Reason}", 1 - result.Score) with { Judged = result.Judged },
            EvalStatus.Fail => AssertionResult.Pass($"as expected, not: {result.Reason}", 1 - result.Score) with { Judged = result.Judged },
            _ => result,
        };
    }
}
