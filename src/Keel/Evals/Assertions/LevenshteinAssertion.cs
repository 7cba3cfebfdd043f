namespace Keel;

/// <summary><c>levenshtein</c>: the edit distance between the trimmed output and the value (or expected answer) is at
/// most <c>threshold</c> (default 5).</summary>
internal sealed class LevenshteinAssertion(string name, string? value, int maxDistance) : IEvalAssertion
{
    public string Name => name;

    public ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken)
    {
        if ((value ?? output.Expected) is not { } expected)
        {
            return ValueTask.FromResult(AssertionResult.Error("levenshtein has no value and the case no expected answer"));
        }

        var distance = TextMetrics.Levenshtein(output.Output.Trim(), expected.Trim());
        var longest = Math.Max(1, Math.Max(output.Output.Trim().Length, expected.Trim().Length));
        var score = 1 - ((double)distance / longest);
        return ValueTask.FromResult(distance <= maxDistance
            ? AssertionResult.Pass($"distance {distance} ≤ {maxDistance}", score)
            : AssertionResult.Fail($"distance {distance} > {maxDistance} from '{AssertionText.Clip(expected)}'", score));
    }
}
