namespace Keel;

/// <summary>Turns a query into ranked chunks with snippets.</summary>
internal sealed class DocumentSearcher(IIndexStore store, Bm25Searcher bm25)
{
    public async Task<Retrieval> RetrieveAsync(string query, int top, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var terms = new List<string>();
        EnglishAnalyzer.Analyze(query, terms);
        var result = await bm25.SearchAsync(terms, top, cancellationToken);
        var chunks = await store.GetChunksAsync([.. result.Hits.Select(h => h.ChunkId)], cancellationToken);
        var scores = result.Hits.ToDictionary(h => h.ChunkId, h => h.Score);
        return new Retrieval(terms, result, [.. chunks.Select(c => new RetrievedChunk(c, scores[c.Id]))]);
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int top, CancellationToken cancellationToken)
    {
        var retrieval = await RetrieveAsync(query, top, cancellationToken);
        var queryTerms = retrieval.QueryTerms.ToHashSet(StringComparer.Ordinal);
        var hits = new List<SearchHit>(retrieval.Chunks.Count);
        foreach (var (chunk, score) in retrieval.Chunks)
        {
            var (snippet, highlights) = Snippets.Build(chunk.Text, queryTerms, retrieval.Bm25.Idf);
            hits.Add(new SearchHit
            {
                Rank = hits.Count + 1,
                Score = Math.Round(score, 4),
                Source = chunk.Path,
                DocumentType = chunk.DocumentType,
                Page = chunk.Page,
                Heading = Headings.Join(chunk.HeadingPath),
                Start = chunk.Start,
                End = chunk.End,
                Text = chunk.Text,
                Snippet = snippet,
                Highlights = highlights,
            });
        }

        return hits;
    }
}
