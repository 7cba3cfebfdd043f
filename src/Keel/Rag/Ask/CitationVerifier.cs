using System.Numerics.Tensors;
using System.Text.RegularExpressions;

namespace Keel;

/// <summary>Checks each sentence of an answer against the passages it cites: how many of its words the passages
/// contain, and (with embeddings on) how close in meaning it is to their closest sentence.</summary>
/// <remarks>The score is <c>(1 − ask.meaning_weight) × word overlap + ask.meaning_weight × best cosine</c>, or the
/// word overlap alone with embeddings off. A sentence is supported when the score reaches
/// <see cref="AskConfig.MinCitationSupport"/> and every number in it appears in a cited passage: a changed figure is
/// the commonest unsupported claim and barely moves either measure. A sentence with no citation is unsupported.
/// It catches claims a passage does not contain, not claims a passage contradicts.</remarks>
internal sealed partial class CitationVerifier(AskConfig config, Embedder embedder)
{
    /// <summary>Most passage sentences embedded per answer sentence.</summary>
    private const int MaxSentencesEmbedded = 32;

    /// <summary>Splits <paramref name="text"/> (with <c>[n]</c> marks) into sentences and scores each one against the
    /// citations it names.</summary>
    public async Task<IReadOnlyList<AnswerSentence>> VerifyAsync(string text, IReadOnlyList<Citation> citations, CancellationToken cancellationToken)
    {
        var sentences = Sentences(text);
        var byNumber = citations.ToDictionary(c => c.N);
        var claims = new List<(string Text, IReadOnlyList<string> Passages)>(sentences.Count);
        foreach (var (sentence, marks) in sentences)
        {
            claims.Add((sentence, [.. marks.Where(byNumber.ContainsKey).Distinct().Select(n => byNumber[n].Text)]));
        }

        var scores = await ScoreAsync(claims, cancellationToken);
        return [.. sentences.Select((s, i) => new AnswerSentence(
            s.Text,
            s.Marks,
            Math.Round(scores[i].Score, 4),
            claims[i].Passages.Count > 0 && scores[i].Score >= config.MinCitationSupport && scores[i].NumbersFound))];
    }

    /// <summary>Scores claims against passages: (score, every number found) for each.</summary>
    internal async Task<IReadOnlyList<(double Score, bool NumbersFound)>> ScoreAsync(IReadOnlyList<(string Text, IReadOnlyList<string> Passages)> claims, CancellationToken cancellationToken)
    {
        var results = new (double Score, bool NumbersFound)[claims.Count];
        var similarities = embedder.Enabled ? await SimilaritiesAsync(claims, cancellationToken) : null;
        var terms = new List<string>();
        for (var i = 0; i < claims.Count; i++)
        {
            var (claim, passages) = claims[i];
            terms.Clear();
            EnglishAnalyzer.Analyze(claim, terms);
            var claimTerms = terms.ToHashSet(StringComparer.Ordinal);
            terms.Clear();
            foreach (var passage in passages)
            {
                EnglishAnalyzer.Analyze(passage, terms);
            }

            var passageTerms = terms.ToHashSet(StringComparer.Ordinal);
            var overlap = claimTerms.Count == 0 ? 0 : claimTerms.Count(passageTerms.Contains) / (double)claimTerms.Count;
            var score = similarities is null ? overlap : ((1 - config.MeaningWeight) * overlap) + (config.MeaningWeight * similarities[i]);
            var numbersFound = Number().Matches(claim).All(m => passages.Any(p => p.Contains(m.Value, StringComparison.Ordinal)));
            results[i] = (passages.Count == 0 ? 0 : score, numbersFound);
        }

        return results;
    }

    private async Task<double[]> SimilaritiesAsync(IReadOnlyList<(string Text, IReadOnlyList<string> Passages)> claims, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        var owners = new List<int>();
        for (var i = 0; i < claims.Count; i++)
        {
            texts.Add(claims[i].Text);
            owners.Add(-1);
        }

        var passageSentences = claims.SelectMany((c, i) => c.Passages
            .SelectMany(p => SentenceSplitter.Split(p, 0, p.Length).Select(r => (Owner: i, Text: p[r])))
            .Where(s => s.Text.Length > 0)
            .Take(MaxSentencesEmbedded));
        foreach (var (owner, sentence) in passageSentences)
        {
            texts.Add(sentence);
            owners.Add(owner);
        }

        var vectors = await embedder.EmbedAsync(texts, null, cancellationToken);
        var best = new double[claims.Count];
        for (var j = claims.Count; j < texts.Count; j++)
        {
            var owner = owners[j];
            best[owner] = Math.Max(best[owner], TensorPrimitives.Dot(vectors[owner], vectors[j]));
        }

        return best;
    }

    /// <summary>The sentences of an answer, without their marks, with the citation numbers each carries; marks that
    /// open a sentence ("… days. [1] Then …") belong to the one before.</summary>
    internal static List<(string Text, IReadOnlyList<int> Marks)> Sentences(string text)
    {
        text = MarksAfterStop().Replace(text, "$2$1");
        var result = new List<(string Text, IReadOnlyList<int> Marks)>();
        foreach (var range in SentenceSplitter.Split(text, 0, text.Length))
        {
            var plain = CitationMarks.SpacedMark().Replace(text[range], "").Trim();
            if (plain.Length > 0)
            {
                result.Add((plain, CitationMarks.In(text[range])));
            }
        }

        return result;
    }

    [GeneratedRegex(@"([.!?])((?:\s*\[\d{1,9}\])+)")]
    private static partial Regex MarksAfterStop();

    /// <summary>A figure as written: digits with their decimal part, not the digits inside a citation mark.</summary>
    [GeneratedRegex(@"(?<![\[\w.])\d+(?:[.,]\d+)*(?![\]\w])")]
    private static partial Regex Number();
}
