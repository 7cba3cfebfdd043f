namespace Keel;

/// <summary><c>abstains</c>: the answerer declined exactly when the case says it should (<c>abstain: true</c>), and
/// answered otherwise.</summary>
internal sealed class AbstentionAssertion(string name) : IEvalAssertion
{
    public string Name => name;

    public ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken)
    {
        if (output.Abstained is not { } abstained)
        {
            return ValueTask.FromResult(AssertionResult.Error("abstains needs a target that reports abstention (ask)"));
        }

        var expected = output.ExpectAbstain ?? false;
        return ValueTask.FromResult(abstained == expected
            ? AssertionResult.Pass(abstained ? "declined, as expected" : "answered, as expected")
            : AssertionResult.Fail(abstained ? "declined a question it should answer" : $"answered a question it should decline: '{AssertionText.Clip(output.Output)}'"));
    }
}
