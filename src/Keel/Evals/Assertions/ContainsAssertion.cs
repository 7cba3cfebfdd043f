namespace Keel;

/// <summary><c>contains</c>, <c>icontains</c>, <c>contains-any</c>, <c>contains-all</c> and their <c>i</c> forms:
/// the output holds the value(s), ordinally or ignoring case.</summary>
internal sealed class ContainsAssertion(string name, IReadOnlyList<string> values, bool ignoreCase, bool all) : IEvalAssertion
{
    public string Name => name;

    public ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken)
    {
        var needles = values.Count > 0 ? values : output.Expected is { } expected ? [expected] : [];
        if (needles.Count == 0)
        {
            return ValueTask.FromResult(AssertionResult.Error($"{name} has no value and the case no expected answer"));
        }

        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var missing = needles.Where(n => !output.Output.Contains(n, comparison)).ToList();
        var found = needles.Count - missing.Count;
        var passed = all ? missing.Count == 0 : found > 0;
        var score = (double)found / needles.Count;
        return ValueTask.FromResult(passed
            ? AssertionResult.Pass($"found {found} of {needles.Count}", score)
            : AssertionResult.Fail(all || needles.Count == 1
                ? $"missing {string.Join(", ", missing.Select(m => $"'{AssertionText.Clip(m, 40)}'"))} in '{AssertionText.Clip(output.Output)}'"
                : $"none of {needles.Count} values found in '{AssertionText.Clip(output.Output)}'", score));
    }
}
