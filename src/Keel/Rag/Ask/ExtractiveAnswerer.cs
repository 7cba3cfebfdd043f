namespace Keel;

/// <summary>Answers by quoting the sentences of the retrieved passages that best support the question.</summary>
/// <remarks>A sentence's support is the share of the question's information (its content terms, weighted by IDF)
/// that the sentence contains; terms found only in the passage's context (its file name, headings, CSV header, or
/// the source's own question just before it in a FAQ) count half. Keel abstains
/// when no sentence reaches <see cref="AskConfig.MinSupport"/>, rather than quote a weak match. It never writes text
/// of its own: every sentence of the answer is a span of a source document.</remarks>
internal sealed class ExtractiveAnswerer(AskConfig config)
{
    public const string NotFound = "Not found in the documents: no passage supports an answer to this question.";

    public const string EmptyIndex = "Not found: the index is empty. Ingest documents first with 'keel ingest PATH', or ask with '--docs PATH'.";

    public ExtractiveAnswer Answer(string question, Retrieval retrieval)
    {
        if (retrieval.Bm25.TotalChunks == 0)
        {
            return new ExtractiveAnswer(EmptyIndex, Abstained: true, [], 0, 0);
        }

        var questionTokens = new List<AnalyzedToken>();
        EnglishAnalyzer.Analyze(question, questionTokens);
        var content = questionTokens.Where(t => !QuestionWords.Contains(question.AsSpan(t.Start, t.End - t.Start))).Select(t => t.Term).ToList();
        if (content.Count == 0)
        {
            content = [.. questionTokens.Select(t => t.Term)];
        }

        var query = QueryAnalysis.From(content, retrieval.Bm25);
        var (candidates, passageCoverage) = Candidates(query, retrieval);
        var best = candidates.Count == 0 ? 0 : candidates.Max(c => c.Support);
        if (best < config.MinSupport)
        {
            return new ExtractiveAnswer(NotFound, Abstained: true, [], best, passageCoverage);
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
            var strongEnough = candidate.Support >= 0.8 * best;
            if (chosen.Count > 0 && (candidate.Support < 0.75 * best || !(addsSomething || strongEnough)))
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
                Math.Round(candidate.Support, 4)));
            parts.Add($"{text.ReplaceLineEndings(" ")} [{n}]");
        }

        return new ExtractiveAnswer(string.Join(' ', parts), Abstained: false, citations, best, passageCoverage);
    }

    private static (List<Candidate> Candidates, double PassageCoverage) Candidates(QueryAnalysis query, Retrieval retrieval)
    {
        var candidates = new List<Candidate>();
        var passageCoverage = 0.0;
        var topScore = retrieval.Chunks.Count == 0 ? 1 : Math.Max(retrieval.Chunks[0].Score, 1e-9);
        var contextTerms = new List<string>();
        var sentenceTerms = new List<string>();
        foreach (var (chunk, score) in retrieval.Chunks)
        {
            contextTerms.Clear();
            EnglishAnalyzer.Analyze(string.Join('\n', [DocumentTitle(chunk.Path), .. chunk.HeadingPath, chunk.Preamble ?? ""]), contextTerms);
            var context = contextTerms.ToHashSet(StringComparer.Ordinal);
            var passage = new HashSet<string>(context, StringComparer.Ordinal);
            HashSet<string>? askedBefore = null;
            foreach (var sentence in SentenceSplitter.Split(chunk.Text, 0, chunk.Text.Length))
            {
                sentenceTerms.Clear();
                var text = chunk.Text.AsSpan(sentence.Start.Value, sentence.End.Value - sentence.Start.Value);
                EnglishAnalyzer.Analyze(text, sentenceTerms);
                var own = sentenceTerms.ToHashSet(StringComparer.Ordinal);
                passage.UnionWith(own);

                // A question in the source (a FAQ entry) is not an answer: it becomes context for what follows it.
                if (text.EndsWith("?"))
                {
                    askedBefore = own;
                    continue;
                }

                var ownCoverage = query.Coverage(own);
                if (ownCoverage <= 0)
                {
                    continue;
                }

                var withContext = query.Coverage(new HashSet<string>([.. own, .. context, .. askedBefore ?? []], StringComparer.Ordinal));
                var support = ownCoverage + (0.5 * (withContext - ownCoverage));
                candidates.Add(new Candidate(chunk, sentence.Start.Value, sentence.End.Value, own, support, support + (0.05 * score / topScore)));
            }

            passageCoverage = Math.Max(passageCoverage, query.Coverage(passage));
        }

        return (candidates, passageCoverage);
    }

    /// <summary>A file's name read as its title ("error-codes.csv" → "error codes"): for files without headings,
    /// such as CSV tables, it is the only thing that says what they are about.</summary>
    private static string DocumentTitle(string path) => Path.GetFileNameWithoutExtension(path).Replace('-', ' ').Replace('_', ' ');

    private sealed record Candidate(StoredChunk Chunk, int Start, int End, IReadOnlySet<string> Terms, double Support, double Rank)
    {
        public bool Overlaps(Candidate other) =>
            Chunk.Start + Start < other.Chunk.Start + other.End && other.Chunk.Start + other.Start < Chunk.Start + End;
    }
}

/// <summary>An extractive answer, with the best sentence support and the best whole-passage coverage found
/// (kept for abstention tuning).</summary>
internal sealed record ExtractiveAnswer(string Text, bool Abstained, IReadOnlyList<Citation> Citations, double BestSupport, double PassageCoverage);
