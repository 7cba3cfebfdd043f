namespace Keel;

/// <summary><c>tool-trajectory</c>: the response called exactly these tools, in this order (<c>ordered: true</c>, the
/// default) or in any order.</summary>
internal sealed class ToolTrajectoryAssertion(string name, IReadOnlyList<string> expected, bool ordered) : IEvalAssertion
{
    public string Name => name;

    public ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken)
    {
        var actual = ToolCalls.Of(output).Select(c => c.Name).ToList();
        var passed = ordered
            ? actual.SequenceEqual(expected, StringComparer.Ordinal)
            : actual.Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal), StringComparer.Ordinal);
        var longest = Math.Max(1, Math.Max(actual.Count, expected.Count));
        var score = (double)TextMetrics.LongestCommonSubsequence(actual, [.. expected]) / longest;
        var shown = $"[{string.Join(", ", actual)}]";
        return ValueTask.FromResult(passed
            ? AssertionResult.Pass($"called {shown}", 1)
            : AssertionResult.Fail($"expected {(ordered ? "" : "in any order ")}[{string.Join(", ", expected)}], called {shown}", score));
    }
}
