namespace Keel;

/// <summary>Finds the case variables of a suite with prompt files that nothing reads: not an input of any of its
/// prompts, not a <c>{{name}}</c> in an inline prompt (assertions do not substitute variables), and not the case's
/// question.</summary>
/// <remarks>A prompt file renders only the inputs it declares, so a misspelt variable (<c>qestion</c>) used to vanish
/// without a word; a misspelt optional input even renders its default. Each such name is reported once, with the
/// first case that has it. A warning rather than an error by default: datasets often carry columns for people or other
/// tools (a note, a source URL), and a suite should not fail over a column it merely does not need.
/// <c>strict: true</c> in the suite makes them errors.</remarks>
internal static class UnreadCaseVariables
{
    /// <summary>The case's question by convention (<c>input:</c>, or the variable <c>question</c> or <c>input</c>):
    /// ask targets and judges read it whatever the prompt declares.</summary>
    private static readonly string[] Question = ["input", "question"];

    /// <param name="config">The suite as written: inline prompts and assertions may name variables.</param>
    /// <param name="prompts">Each prompt-file target's reference and prompt.</param>
    /// <param name="cases">The loaded cases.</param>
    /// <returns>One warning per unread variable name; none when the suite has no prompt file.</returns>
    public static IReadOnlyList<EvalSuiteWarning> Find(EvalSuiteConfig config, IReadOnlyList<(string Reference, PromptDefinition Prompt)> prompts, IReadOnlyList<EvalCase> cases)
    {
        if (prompts.Count == 0)
        {
            return [];
        }

        var read = new HashSet<string>(Question, StringComparer.Ordinal);
        read.UnionWith(prompts.SelectMany(p => p.Prompt.Inputs.Select(i => i.Name)));
        read.UnionWith(config.Targets.SelectMany(t => t.Prompt).SelectMany(m => PromptTemplate.Variables(m.Content)));
        var declared = string.Join(" or ", prompts.DistinctBy(p => p.Reference).Select(p =>
            $"{p.Reference} ({(p.Prompt.Inputs.Count == 0 ? "no inputs" : "inputs: " + string.Join(", ", p.Prompt.Inputs.Select(i => i.Name)))})"));

        return [.. cases
            .SelectMany(c => c.Vars.Keys.Where(v => !read.Contains(v)).Select(v => (Variable: v, Case: c)))
            .GroupBy(x => x.Variable, StringComparer.Ordinal)
            .Select(group =>
            {
                var first = group.First().Case;
                var count = group.Count();
                var suggestion = Closest(group.Key, read);
                var message = $"{first.Location}: case '{first.Id}': variable '{group.Key}' is not an input of {declared} and nothing else in the suite reads it"
                    + (suggestion is null ? "" : $"; did you mean '{suggestion}'?")
                    + (count switch { 1 => "", 2 => " (1 more case has it)", _ => $" ({count - 1} more cases have it)" });
                return new EvalSuiteWarning(first.Location ?? first.Id, first.Id, group.Key, suggestion, count, message);
            })];
    }

    /// <summary>The nearest name by edit distance, ignoring case, when it is within a third of its length (at least one
    /// edit); two swapped neighbours (<c>tiems</c>) count as one edit.</summary>
    private static string? Closest(string name, IEnumerable<string> candidates) => candidates
        .Select(c => (Name: c, Distance: Distance(name.ToUpperInvariant(), c.ToUpperInvariant())))
        .Where(c => c.Distance <= Math.Max(1, c.Name.Length / 3))
        .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
        .Select(c => c.Name)
        .FirstOrDefault();

    private static int Distance(string a, string b)
    {
        if (a.Length == b.Length && a.Length >= 2)
        {
            var differ = Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToList();
            if (differ is [var i, var j] && j == i + 1 && a[i] == b[j] && a[j] == b[i])
            {
                return 1;
            }
        }

        return TextMetrics.Levenshtein(a, b);
    }
}
