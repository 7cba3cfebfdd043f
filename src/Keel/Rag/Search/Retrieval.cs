namespace Keel;

/// <summary>The outcome of retrieving for one query: its terms, the BM25 result and the chunks, best first.</summary>
internal sealed record Retrieval(IReadOnlyList<string> QueryTerms, Bm25Result Bm25, IReadOnlyList<RetrievedChunk> Chunks)
{
    public RetrievalMode Mode { get; init; } = RetrievalMode.Lexical;

    /// <summary>The query's embedding when vector search made one; answering reuses it.</summary>
    public float[]? QueryVector { get; init; }

    /// <summary>Why the reranker's order was not used (it failed or timed out), or null.</summary>
    public string? RerankError { get; init; }
}

/// <summary>A chunk with its retrieval score.</summary>
internal sealed record RetrievedChunk(StoredChunk Chunk, double Score);
