namespace Keel;

/// <summary>Answers by quoting the sentences of the retrieved passages that best support the question.</summary>
/// <remarks>A sentence's support is the share of the question's information (its content terms, weighted by IDF)
/// that the sentence contains; terms found only in the passage's context (its file name, headings, CSV header, or
/// the source's own question just before it in a FAQ) count half. With embeddings on, each sentence's meaning counts
/// too: its score mixes that word support with its cosine similarity to the question
/// (<see cref="AskConfig.MeaningWeight"/>), so a sentence worded differently from the question can still answer it,
/// and Keel abstains when no sentence reaches <see cref="AskConfig.MinScore"/>; with embeddings off, when none reaches
/// <see cref="AskConfig.MinSupport"/>. It never writes text of its own: every sentence of the answer is a span of a
/// source document.</remarks>
internal sealed class ExtractiveAnswerer(AskConfig config, Embedder embedder)
{
    /// <summary>Most sentences embedded per question: those with word support first, then the rest of the best
    /// passages, so <c>keel ask</c> embeds a few dozen short sentences, not whole documents.</summary>
    internal const int MaxSentencesEmbedded = 24;

    public const string NotFound = "Not found in the documents: no passage supports an answer to this question.";

    public const string EmptyIndex = "Not found: the index is empty. Ingest documents first with 'keel ingest PATH', or ask with '--docs PATH'.";

    public async Task<ExtractiveAnswer> AnswerAsync(string question, Retrieval retrieval, CancellationToken cancellationToken)
    {
        if (retrieval.Bm25.TotalChunks == 0)
        {
            return new ExtractiveAnswer(EmptyIndex, Abstained: true, [], new AnswerSignals(0, 0, 0, 0));
        }

        var questionTokens = new List<AnalyzedToken>();
        EnglishAnalyzer.Analyze(question, questionTokens);
        var content = questionTokens.Where(t => !QuestionWords.Contains(question.AsSpan(t.Start, t.End - t.Start))).Select(t => t.Term).ToList();
        if (content.Count == 0)
        {
            content = [.. questionTokens.Select(t => t.Term)];
        }

        var query = QueryAnalysis.From(content, retrieval.Bm25);
        var (candidates, passageCoverage) = Candidates(query, retrieval, keepUnsupported: embedder.Enabled);
        var bestSupport = candidates.Count == 0 ? 0 : candidates.Max(c => c.Support);
        if (embedder.Enabled && candidates.Count > 0)
        {
            candidates = await WithMeaningAsync(question, retrieval, candidates, cancellationToken);
        }

        var best = candidates.Count == 0 ? 0 : candidates.Max(c => c.Score);
        var signals = new AnswerSignals(bestSupport, candidates.Count == 0 ? 0 : candidates.Max(c => c.Similarity), best, passageCoverage)
        {
            Sentences = [.. candidates.Select(c => (c.Support, c.Similarity))],
        };
        if (best < (embedder.Enabled ? config.MinScore : config.MinSupport))
        {
            return new ExtractiveAnswer(NotFound, Abstained: true, [], signals);
        }

        var chosen = new List<Candidate>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in candidates.OrderByDescending(c => c.Rank).ThenBy(c => c.Chunk.Id).ThenBy(c => c.Start))
        {
            if (chosen.Count >= config.MaxSentences)
            {
                break;
            }

            var addsSomething = candidate.Terms.Any(t => query.Weights.ContainsKey(t) && !covered.Contains(t));
            var strongEnough = candidate.Score >= 0.8 * best;
            if (chosen.Count > 0 && (candidate.Score < 0.75 * best || !(addsSomething || strongEnough)))
            {
                continue;
            }

            if (chosen.Any(c => c.Chunk.Path == candidate.Chunk.Path && c.Overlaps(candidate)))
            {
                continue; // the same sentence seen again through an overlapping chunk
            }

            chosen.Add(candidate);
            covered.UnionWith(candidate.Terms);
        }

        // Read in the order the sources give them: by passage (best passage first), then by position in it.
        var passageOrder = chosen.Select(c => c.Chunk.Id).Distinct().ToList();
        var citations = new List<Citation>(chosen.Count);
        var parts = new List<string>(chosen.Count);
        foreach (var candidate in chosen.OrderBy(c => passageOrder.IndexOf(c.Chunk.Id)).ThenBy(c => c.Start))
        {
            var n = citations.Count + 1;
            var text = candidate.Chunk.Text[candidate.Start..candidate.End];
            citations.Add(new Citation(
                n,
                candidate.Chunk.Path,
                candidate.Chunk.Page,
                Headings.Join(candidate.Chunk.HeadingPath),
                candidate.Chunk.Start + candidate.Start,
                candidate.Chunk.Start + candidate.End,
                text,
                Math.Round(candidate.Score, 4)));
            parts.Add($"{text.ReplaceLineEndings(" ")} [{n}]");
        }

        return new ExtractiveAnswer(string.Join(' ', parts), Abstained: false, citations, signals);
    }

    /// <summary>Scores the candidates by meaning as well as words: up to <see cref="MaxSentencesEmbedded"/> sentences
    /// are embedded in one batch, with the question unless vector search already embedded it; a sentence left out
    /// keeps its word support alone, weighted as if its similarity were 0.</summary>
    private async Task<List<Candidate>> WithMeaningAsync(string question, Retrieval retrieval, List<Candidate> candidates, CancellationToken cancellationToken)
    {
        var embedded = candidates
            .Select((c, i) => (Candidate: c, Index: i))
            .OrderByDescending(p => p.Candidate.Support > 0)
            .ThenBy(p => p.Candidate.ChunkRank)
            .ThenBy(p => p.Index)
            .Take(MaxSentencesEmbedded)
            .Select(p => p.Index)
            .ToHashSet();
        var order = embedded.Order().ToList();
        var sentences = order.Select(i => candidates[i].TextForMeaning);
        var known = retrieval.QueryVector;
        var vectors = await embedder.EmbedAsync(known is null ? [question, .. sentences] : [.. sentences], null, cancellationToken);
        var questionVector = known ?? vectors[0];
        var first = known is null ? 1 : 0;
        var similarities = new Dictionary<int, double>(order.Count);
        for (var j = 0; j < order.Count; j++)
        {
            similarities[order[j]] = System.Numerics.Tensors.TensorPrimitives.Dot(questionVector, vectors[j + first]);
        }

        var weight = config.MeaningWeight;
        return [.. candidates.Select((c, i) =>
        {
            var similarity = Math.Max(0, similarities.GetValueOrDefault(i));
            var score = ((1 - weight) * c.Support) + (weight * similarity);
            return c with { Similarity = similarity, Score = score, Rank = score + (c.Rank - c.Support) };
        })];
    }

    private static (List<Candidate> Candidates, double PassageCoverage) Candidates(QueryAnalysis query, Retrieval retrieval, bool keepUnsupported)
    {
        var candidates = new List<Candidate>();
        var passageCoverage = 0.0;
        var topScore = retrieval.Chunks.Count == 0 ? 1 : Math.Max(retrieval.Chunks[0].Score, 1e-9);
        var contextTerms = new List<string>();
        var sentenceTerms = new List<string>();
        var chunkRank = 0;
        foreach (var (chunk, score) in retrieval.Chunks)
        {
            chunkRank++;
            contextTerms.Clear();
            EnglishAnalyzer.Analyze(string.Join('\n', [DocumentTitle(chunk.Path), .. chunk.HeadingPath, chunk.Preamble ?? ""]), contextTerms);
            var context = contextTerms.ToHashSet(StringComparer.Ordinal);
            var passage = new HashSet<string>(context, StringComparer.Ordinal);
            HashSet<string>? askedBefore = null;
            (string Text, HashSet<string> Terms)? leadIn = null;
            foreach (var sentence in SentenceSplitter.Split(chunk.Text, 0, chunk.Text.Length))
            {
                sentenceTerms.Clear();
                var text = chunk.Text.AsSpan(sentence.Start.Value, sentence.End.Value - sentence.Start.Value);
                EnglishAnalyzer.Analyze(text, sentenceTerms);
                var own = sentenceTerms.ToHashSet(StringComparer.Ordinal);
                passage.UnionWith(own);

                // A list item reads as the end of the sentence that introduces it ("The app runs on: - macOS 13").
                var itemOf = IsListItem(text) ? leadIn : null;
                leadIn = text.EndsWith(":") ? (text.ToString(), own) : itemOf;

                // A question in the source (a FAQ entry) is not an answer: it becomes context for what follows it.
                if (text.EndsWith("?"))
                {
                    askedBefore = own;
                    continue;
                }

                // Nor is a heading the passage repeats ("Rate limits"): its words already count as context.
                if (IsHeading(text, chunk.HeadingPath))
                {
                    continue;
                }

                var ownCoverage = query.Coverage(own);
                if (ownCoverage <= 0 && !(keepUnsupported && own.Count > 0))
                {
                    continue;
                }

                var withContext = ownCoverage <= 0 ? 0 : query.Coverage(new HashSet<string>([.. own, .. context, .. askedBefore ?? [], .. itemOf?.Terms ?? []], StringComparer.Ordinal));
                var support = ownCoverage + (0.5 * (withContext - ownCoverage));
                candidates.Add(new Candidate(chunk, chunkRank, sentence.Start.Value, sentence.End.Value, own, support, support + (0.05 * score / topScore)) { LeadIn = itemOf?.Text });
            }

            passageCoverage = Math.Max(passageCoverage, query.Coverage(passage));
        }

        return (candidates, passageCoverage);
    }

    private static bool IsHeading(ReadOnlySpan<char> sentence, IReadOnlyList<string> headings)
    {
        var text = sentence.TrimStart('#').Trim();
        foreach (var heading in headings)
        {
            if (text.Equals(heading.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsListItem(ReadOnlySpan<char> sentence) =>
        sentence.Length > 2 && ((sentence[0] is '-' or '*' or '•' && sentence[1] == ' ') || (char.IsAsciiDigit(sentence[0]) && sentence.IndexOfAny('.', ')') is > 0 and < 4));

    /// <summary>A file's name read as its title ("error-codes.csv" → "error codes"): for files without headings,
    /// such as CSV tables, it is the only thing that says what they are about.</summary>
    private static string DocumentTitle(string path) => Path.GetFileNameWithoutExtension(path).Replace('-', ' ').Replace('_', ' ');

    /// <summary>A sentence that may answer: <see cref="Support"/> is its word support, <see cref="Score"/> what it is
    /// judged by (word support alone, or mixed with <see cref="Similarity"/> when embeddings are on).</summary>
    private sealed record Candidate(StoredChunk Chunk, int ChunkRank, int Start, int End, IReadOnlySet<string> Terms, double Support, double Rank)
    {
        public double Similarity { get; init; }

        /// <summary>The sentence that introduces this list item, read before it when embedding.</summary>
        public string? LeadIn { get; init; }

        public string TextForMeaning => (LeadIn is null ? "" : LeadIn + " ") + Chunk.Text[Start..End];

        public double Score { get; init; } = Support;

        public bool Overlaps(Candidate other) =>
            Chunk.Start + Start < other.Chunk.Start + other.End && other.Chunk.Start + other.Start < Chunk.Start + End;
    }
}

/// <summary>An extractive answer, with the signals it was decided on (kept for abstention tuning).</summary>
internal sealed record ExtractiveAnswer(string Text, bool Abstained, IReadOnlyList<Citation> Citations, AnswerSignals Signals);

/// <summary>Best word support, best similarity and best combined score over the candidate sentences; the best
/// whole-passage word coverage; and each candidate's (support, similarity).</summary>
internal sealed record AnswerSignals(double BestSupport, double BestSimilarity, double BestScore, double PassageCoverage)
{
    public IReadOnlyList<(double Support, double Similarity)> Sentences { get; init; } = [];
}
