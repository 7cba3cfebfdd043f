namespace Keel;

/// <summary>Ranked chunk ids with BM25 scores, and the inverse document frequency of each query term (0 when the
/// term is in no chunk), which abstention and sentence selection reuse.</summary>
internal sealed record Bm25Result(IReadOnlyList<(long ChunkId, double Score)> Hits, IReadOnlyDictionary<string, double> Idf, int TotalChunks);
