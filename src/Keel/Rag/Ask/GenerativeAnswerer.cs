using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Answers with a language model that must cite the retrieved passages as <c>[n]</c>.</summary>
/// <remarks>It asks the model only when retrieval supports an answer (the same support test as the extractive
/// answer), so weak retrieval abstains without a call. Citation marks that point at no retrieved passage are
/// removed from the text and reported in <see cref="GenerativeAnswer.InvalidCitations"/>; an answer left with no
/// valid citation is treated as unsupported.</remarks>
internal sealed partial class GenerativeAnswerer
{
    public const string NotFoundMarker = "NOT_FOUND";

    private const string Instructions =
        "You answer questions using only the numbered sources below. After every sentence, cite the sources that " +
        "support it as [n], e.g. [1] or [2][3]. Do not use any knowledge that is not in the sources. If the sources " +
        "do not contain the answer, reply with exactly " + NotFoundMarker + " and nothing else.";

    public static IReadOnlyList<ChatMessage> BuildPrompt(string question, IReadOnlyList<RetrievedChunk> passages)
    {
        var sources = new StringBuilder();
        for (var i = 0; i < passages.Count; i++)
        {
            var chunk = passages[i].Chunk;
            sources.Append(CultureInfo.InvariantCulture, $"[{i + 1}] {chunk.Path}");
            if (Headings.Join(chunk.HeadingPath) is { } heading)
            {
                sources.Append(" — ").Append(heading);
            }

            sources.Append('\n').Append(chunk.Preamble is null ? "" : chunk.Preamble + "\n").Append(chunk.Text).Append("\n\n");
        }

        return
        [
            new ChatMessage(ChatRole.System, Instructions + "\n\nSources:\n\n" + sources.ToString().TrimEnd()),
            new ChatMessage(ChatRole.User, question),
        ];
    }

    public static async Task<GenerativeAnswer> AnswerAsync(IChatClient model, string question, IReadOnlyList<RetrievedChunk> passages, CancellationToken cancellationToken)
    {
        var response = await model.GetResponseAsync(BuildPrompt(question, passages), new ChatOptions { Temperature = 0 }, cancellationToken);
        var text = response.Text.Trim();
        if (text.Length == 0 || text.Contains(NotFoundMarker, StringComparison.Ordinal))
        {
            return new GenerativeAnswer(null, [], []);
        }

        var used = new SortedSet<int>();
        var invalid = new List<int>();
        var cleaned = CitationMarks.SpacedMark().Replace(text, match =>
        {
            var n = CitationMarks.Number(match);
            if (n >= 1 && n <= passages.Count)
            {
                used.Add(n);
                return match.Value;
            }

            invalid.Add(n);
            return "";
        });
        cleaned = ExtraSpaces().Replace(cleaned, " ").Trim();
        if (used.Count == 0)
        {
            return new GenerativeAnswer(null, [], invalid);
        }

        // Renumber in order of first use so the answer reads [1], [2], … and the citation list matches.
        var renumber = new Dictionary<int, int>();
        foreach (var n in CitationMarks.In(cleaned))
        {
            renumber.TryAdd(n, renumber.Count + 1);
        }

        var final = CitationMarks.Mark().Replace(cleaned, m => $"[{renumber[CitationMarks.Number(m)]}]");
        var best = Math.Max(passages.Max(p => p.Score), 1e-9);
        var citations = renumber
            .OrderBy(pair => pair.Value)
            .Select(pair =>
            {
                var chunk = passages[pair.Key - 1].Chunk;
                return new Citation(pair.Value, chunk.Path, chunk.Page, Headings.Join(chunk.HeadingPath), chunk.Start, chunk.End, chunk.Text, Math.Round(passages[pair.Key - 1].Score / best, 4));
            })
            .ToList();
        return new GenerativeAnswer(final, citations, invalid);
    }

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex ExtraSpaces();
}

/// <summary>A model's answer with its valid citations; <see cref="Text"/> is null when the model found no answer in
/// the sources (or cited none of them).</summary>
internal sealed record GenerativeAnswer(string? Text, IReadOnlyList<Citation> Citations, IReadOnlyList<int> InvalidCitations);
