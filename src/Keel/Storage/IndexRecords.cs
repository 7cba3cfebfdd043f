namespace Keel;

/// <summary>A document as the index knows it.</summary>
internal sealed record StoredDocument(long Id, string Path, string DocumentType, string ContentHash, int ChunkCount)
{
    /// <summary>Tags set at ingest (<c>keel ingest --tag key=value</c>), for search filters.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags;

    internal static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>A document to add, with its chunks in order, each chunk's text hash (<see cref="ChunkText.Hash"/>, the
/// key of its vector; null in stores that hold no vectors) and the tags set at ingest.</summary>
internal sealed record NewDocument(
    string Path,
    string DocumentType,
    string ContentHash,
    long SizeBytes,
    IReadOnlyList<Chunk> Chunks,
    IReadOnlyList<string>? TextHashes = null,
    IReadOnlyDictionary<string, string>? Tags = null);

/// <summary>A chunk read back from the index, with the document it belongs to.</summary>
internal sealed record StoredChunk(
    long Id,
    string Path,
    string DocumentType,
    int Ordinal,
    int Start,
    int End,
    string Text,
    IReadOnlyList<string> HeadingPath,
    int? Page,
    string? Preamble);

/// <summary>One atomic change to the index: documents removed (replaced or deleted) and documents added, with the
/// BM25 segment that indexes the added chunks (local chunk numbers follow the order of
/// <see cref="Documents"/> and their chunks).</summary>
internal sealed record IndexBatch(IReadOnlyList<long> RemovedDocumentIds, IReadOnlyList<NewDocument> Documents, Bm25SegmentData? Segment)
{
    /// <summary>Vectors the store does not have yet for the added chunks, written in the same transaction.</summary>
    public VectorBatch? Vectors { get; init; }
}

/// <summary>New vectors from one embedding model, by the hash of the text embedded.</summary>
internal sealed record VectorBatch(string Model, IReadOnlyDictionary<string, float[]> ByTextHash);

/// <summary>A stored chunk that has no vector from the current model yet.</summary>
internal sealed record ChunkToEmbed(long ChunkId, string? TextHash, IReadOnlyList<string> HeadingPath, string? Preamble, string Text);

/// <summary>Every live chunk's vector from one model: row i of <see cref="Vectors"/> (length
/// <see cref="Dimensions"/>) belongs to <c>ChunkIds[i]</c>.</summary>
internal sealed record VectorSnapshot(long Generation, long[] ChunkIds, float[] Vectors, int Dimensions);

/// <summary>Postings for a set of chunks numbered 0..n-1 locally: term → encoded postings, and each chunk's length in terms.</summary>
internal sealed record Bm25SegmentData(IReadOnlyDictionary<string, byte[]> Postings, int[] Lengths);

/// <summary>A stored segment: its local-to-global chunk id map and chunk lengths.</summary>
internal sealed record Bm25SegmentInfo(long Id, long[] ChunkIds, int[] Lengths);

/// <summary>Everything BM25 needs in memory: the segments, the chunk ids deleted since they were written, and the
/// generation the snapshot was taken at.</summary>
internal sealed record Bm25Snapshot(long Generation, IReadOnlyList<Bm25SegmentInfo> Segments, IReadOnlySet<long> Deleted);

/// <summary>Encoded postings of one term in one segment.</summary>
internal sealed record Bm25PostingsRow(string Term, long SegmentId, byte[] Postings);
