namespace Keel;

/// <summary>Picks the window of a chunk that covers the most query weight, for display.</summary>
internal static class Snippets
{
    public const int MaxLength = 240;

    public static (string Snippet, IReadOnlyList<TextSpan> Highlights) Build(string text, IReadOnlySet<string> queryTerms, IReadOnlyDictionary<string, double> idf)
    {
        var tokens = new List<AnalyzedToken>();
        EnglishAnalyzer.Analyze(text, tokens);
        var matches = tokens.Where(t => queryTerms.Contains(t.Term)).ToList();

        var bestStart = 0;
        var bestScore = -1.0;
        for (var i = 0; i < matches.Count; i++)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var score = 0.0;
            for (var j = i; j < matches.Count && matches[j].End - matches[i].Start <= MaxLength; j++)
            {
                if (seen.Add(matches[j].Term))
                {
                    score += idf.GetValueOrDefault(matches[j].Term, 1);
                }
            }

            if (score > bestScore)
            {
                bestScore = score;
                bestStart = matches[i].Start;
            }
        }

        // Start a little before the first match, at a word boundary, so the snippet reads naturally.
        var start = Math.Max(0, bestStart - 40);
        if (start > 0)
        {
            var space = text.IndexOf(' ', start);
            start = space >= 0 && space < bestStart ? space + 1 : bestStart;
        }

        var end = Math.Min(text.Length, start + MaxLength);
        if (end < text.Length)
        {
            var space = text.LastIndexOf(' ', end - 1, end - start);
            end = space > start ? space : end;
        }

        var prefix = start > 0 ? "…" : "";
        var suffix = end < text.Length ? "…" : "";
        var body = text[start..end].Replace('\n', ' ').Replace('\r', ' ');
        var highlights = matches
            .Where(m => m.Start >= start && m.End <= end)
            .Select(m => new TextSpan(m.Start - start + prefix.Length, m.End - start + prefix.Length))
            .ToList();
        return (prefix + body + suffix, highlights);
    }
}
