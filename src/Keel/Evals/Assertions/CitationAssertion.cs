using System.Text.RegularExpressions;

namespace Keel;

/// <summary><c>citations-valid</c>: every <c>[n]</c> in the answer refers to a returned source, and an answer (not an
/// abstention) cites at least one. <c>cites-source</c>: a citation points at one of the case's expected sources.</summary>
internal sealed partial class CitationAssertion(string name, bool expectedSource) : IEvalAssertion
{
    public string Name => name;

    public ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken) =>
        ValueTask.FromResult(expectedSource ? CitesSource(output) : Valid(output));

    private static AssertionResult Valid(EvalOutput output)
    {
        var marks = Mark().Matches(output.Output).Select(m => int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        var dangling = marks.Where(n => !output.Citations.ContainsKey(n)).ToList();
        if (dangling.Count > 0)
        {
            return AssertionResult.Fail($"{string.Join(", ", dangling.Select(n => $"[{n}]"))} refer(s) to no returned source ({output.Citations.Count} returned)");
        }

        if (marks.Count == 0 && output.Abstained != true)
        {
            return AssertionResult.Fail("the answer cites nothing");
        }

        return AssertionResult.Pass($"{marks.Count} citation mark(s), all resolve");
    }

    private static AssertionResult CitesSource(EvalOutput output)
    {
        if (output.ExpectedSources.Count == 0)
        {
            return output.ExpectAbstain == true
                ? AssertionResult.Pass("no sources expected for an unanswerable case")
                : AssertionResult.Error("cites-source needs the case's sources: [expected documents]");
        }

        var cited = output.Citations.Values.Distinct(StringComparer.Ordinal).ToList();
        return cited.Any(c => output.ExpectedSources.Any(e => SourceNames.Matches(c, e)))
            ? AssertionResult.Pass($"cites {string.Join(", ", output.ExpectedSources)}")
            : AssertionResult.Fail($"expected a citation of {string.Join(" or ", output.ExpectedSources)}, cited [{string.Join(", ", cited.Select(Path.GetFileName))}]");
    }

    [GeneratedRegex(@"\[(\d{1,4})\]")]
    private static partial Regex Mark();
}
