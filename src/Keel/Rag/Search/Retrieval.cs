namespace Keel;

/// <summary>The outcome of retrieving for one query: its terms, the BM25 result and the chunks, best first.</summary>
internal sealed record Retrieval(IReadOnlyList<string> QueryTerms, Bm25Result Bm25, IReadOnlyList<RetrievedChunk> Chunks);

/// <summary>A chunk with its retrieval score.</summary>
internal sealed record RetrievedChunk(StoredChunk Chunk, double Score);
