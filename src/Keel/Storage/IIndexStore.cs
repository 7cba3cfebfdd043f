namespace Keel;

/// <summary>Where the document index lives: documents, chunks and BM25 segments.</summary>
/// <remarks>SQLite implements it here (<see cref="SqliteIndexStore"/>); the same contract is meant for PostgreSQL.
/// <see cref="CommitAsync"/> is atomic: after a crash the index is as it was before the batch or after it.</remarks>
internal interface IIndexStore
{
    /// <summary>The stored documents by path.</summary>
    Task<IReadOnlyDictionary<string, StoredDocument>> GetDocumentsAsync(CancellationToken cancellationToken = default);

    /// <summary>Applies one batch in one transaction. A document whose path is already stored replaces the stored one,
    /// so two ingests that read the index before either wrote it both succeed (the later write wins).</summary>
    Task CommitAsync(IndexBatch batch, CancellationToken cancellationToken = default);

    /// <summary>When <paramref name="policy"/> says the index is fragmented, rewrites all BM25 segments into one,
    /// dropping deleted chunks, in one transaction. Returns whether it did.</summary>
    Task<bool> CompactBm25Async(CompactionPolicy policy, CancellationToken cancellationToken = default);

    /// <summary>A counter that changes on every commit, to tell when an in-memory snapshot is stale.</summary>
    Task<long> GetGenerationAsync(CancellationToken cancellationToken = default);

    Task<Bm25Snapshot> LoadBm25SnapshotAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Bm25PostingsRow>> GetPostingsAsync(IReadOnlyCollection<string> terms, CancellationToken cancellationToken = default);

    /// <summary>Which of these text hashes already have a vector from <paramref name="model"/>.</summary>
    Task<IReadOnlySet<string>> GetVectorHashesAsync(string model, IReadOnlyCollection<string> textHashes, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> chunks without a vector from <paramref name="model"/> (after the
    /// embedding model changed, or in a store written before vectors existed).</summary>
    Task<IReadOnlyList<ChunkToEmbed>> GetChunksWithoutVectorsAsync(string model, int limit, CancellationToken cancellationToken = default);

    /// <summary>Records each chunk's text hash and stores the vectors, in one transaction.</summary>
    Task SaveVectorsAsync(IReadOnlyList<(long ChunkId, string TextHash)> chunks, VectorBatch vectors, CancellationToken cancellationToken = default);

    /// <summary>Deletes vectors no live chunk uses, and every vector from other models. Returns how many went.</summary>
    Task<int> PruneVectorsAsync(string model, CancellationToken cancellationToken = default);

    Task<VectorSnapshot> LoadVectorsAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>The ids of the chunks of these documents.</summary>
    Task<IReadOnlyList<long>> GetChunkIdsAsync(IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default);

    /// <summary>The chunks with these ids, in the order asked; ids no longer stored are left out.</summary>
    Task<IReadOnlyList<StoredChunk>> GetChunksAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default);
}
