namespace Keel;

/// <summary>Turns a query into ranked chunks with snippets: BM25, vectors, or both fused (convex or reciprocal rank),
/// optionally reordered by a reranker.</summary>
internal sealed class DocumentSearcher(IIndexStore store, Bm25Searcher bm25, VectorSearcher vectors, SearchConfig config, bool vectorsEnabled, IReranker? reranker = null)
{
    public RetrievalMode DefaultMode => config.Mode ?? (vectorsEnabled ? RetrievalMode.Hybrid : RetrievalMode.Lexical);

    public async Task<Retrieval> RetrieveAsync(string query, int top, SearchOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var mode = options?.Mode ?? DefaultMode;
        if (mode != RetrievalMode.Lexical && !vectorsEnabled)
        {
            throw new KeelConfigurationException($"Search mode '{mode.ToString().ToLowerInvariant()}' needs vectors, but embeddings.model is 'none' in keel.yaml. Use mode lexical, or set embeddings.model: local.");
        }

        var allowed = options?.Filter is { IsEmpty: false } filter ? await AllowedChunksAsync(filter, cancellationToken) : null;
        var depth = reranker is null ? top : Math.Max(top, reranker.Candidates);
        var terms = new List<string>();
        EnglishAnalyzer.Analyze(query, terms);

        // BM25 runs in every mode: its IDF figures weigh the question's words when answering and abstaining.
        var lexical = await bm25.SearchAsync(terms, mode == RetrievalMode.Hybrid ? Math.Max(depth, config.FusionDepth) : depth, allowed, cancellationToken);
        IReadOnlyList<(long ChunkId, double Score)> ranked = lexical.Hits;
        float[]? queryVector = null;
        if (mode != RetrievalMode.Lexical)
        {
            (var nearest, queryVector) = await vectors.SearchAsync(query, mode == RetrievalMode.Hybrid ? Math.Max(depth, config.FusionDepth) : depth, allowed, cancellationToken);
            ranked = mode == RetrievalMode.Vector ? nearest : Fuse(lexical.Hits, nearest, depth);
        }

        var chunks = await ChunksAsync(ranked, cancellationToken);
        string? rerankError = null;
        if (reranker is not null && chunks.Count > 1)
        {
            (chunks, rerankError) = await reranker.RerankAsync(query, chunks, cancellationToken);
        }

        return new Retrieval(terms, lexical, [.. chunks.Take(top)]) { Mode = mode, RerankError = rerankError, QueryVector = queryVector };
    }

    public async Task<(IReadOnlyList<SearchHit> Hits, Retrieval Retrieval)> SearchAsync(string query, int top, SearchOptions? options, CancellationToken cancellationToken)
    {
        var retrieval = await RetrieveAsync(query, top, options, cancellationToken);
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

        return (hits, retrieval);
    }

    /// <summary>Merges the two lists the configured way: convex (α·BM25 + (1 − α)·cosine, each min-max normalised
    /// over its own list, 0 where a chunk is missing) or reciprocal rank fusion (weight / (k + rank) per list).</summary>
    internal List<(long ChunkId, double Score)> Fuse(IReadOnlyList<(long ChunkId, double Score)> lexical, IReadOnlyList<(long ChunkId, double Score)> vector, int top)
    {
        var fused = new Dictionary<long, double>();
        if (config.Fusion == FusionMethod.Convex)
        {
            AddNormalised(fused, lexical, config.ConvexAlpha);
            AddNormalised(fused, vector, 1 - config.ConvexAlpha);
        }
        else
        {
            AddRanks(fused, lexical, config.LexicalWeight, config.RrfK);
            AddRanks(fused, vector, config.VectorWeight, config.RrfK);
        }

        return [.. fused.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(top).Select(p => (p.Key, p.Value))];
    }

    private static void AddNormalised(Dictionary<long, double> fused, IReadOnlyList<(long ChunkId, double Score)> list, double weight)
    {
        if (list.Count == 0)
        {
            return;
        }

        var max = list.Max(h => h.Score);
        var min = list.Min(h => h.Score);
        var range = max - min;
        foreach (var (id, score) in list)
        {
            fused[id] = fused.GetValueOrDefault(id) + (weight * (range > 0 ? (score - min) / range : 1));
        }
    }

    private static void AddRanks(Dictionary<long, double> fused, IReadOnlyList<(long ChunkId, double Score)> list, double weight, int k)
    {
        for (var i = 0; i < list.Count; i++)
        {
            fused[list[i].ChunkId] = fused.GetValueOrDefault(list[i].ChunkId) + (weight / (k + i + 1));
        }
    }

    private async Task<List<RetrievedChunk>> ChunksAsync(IReadOnlyList<(long ChunkId, double Score)> ranked, CancellationToken cancellationToken)
    {
        var chunks = await store.GetChunksAsync([.. ranked.Select(h => h.ChunkId)], cancellationToken);
        var scores = ranked.ToDictionary(h => h.ChunkId, h => h.Score);
        return [.. chunks.Select(c => new RetrievedChunk(c, scores[c.Id]))];
    }

    private async Task<IReadOnlySet<long>> AllowedChunksAsync(SearchFilter filter, CancellationToken cancellationToken)
    {
        var sources = filter.SourceMatcher();
        var documents = await store.GetDocumentsAsync(cancellationToken);
        var ids = documents.Values.Where(d => filter.Matches(d, sources)).Select(d => d.Id).ToList();
        return (await store.GetChunkIdsAsync(ids, cancellationToken)).ToHashSet();
    }
}
