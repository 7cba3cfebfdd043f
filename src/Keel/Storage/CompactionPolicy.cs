namespace Keel;

/// <summary>When to merge BM25 segments: too many segments slow every query, many deleted chunks waste space.</summary>
/// <param name="MaxSegments">Compact when there are more segments than this.</param>
/// <param name="MaxDeletedFraction">Compact when deleted chunks exceed this share of all chunks in segments.</param>
internal sealed record CompactionPolicy(int MaxSegments, double MaxDeletedFraction)
{
    public static CompactionPolicy Default { get; } = new(MaxSegments: 8, MaxDeletedFraction: 0.2);

    /// <summary>Compacts whenever anything can be merged or dropped.</summary>
    public static CompactionPolicy Always { get; } = new(MaxSegments: 1, MaxDeletedFraction: 0);

    public bool ShouldCompact(Bm25Snapshot snapshot)
    {
        var total = snapshot.Segments.Sum(s => (long)s.ChunkIds.Length);
        return snapshot.Segments.Count > MaxSegments
            || (snapshot.Deleted.Count > 0 && snapshot.Deleted.Count > MaxDeletedFraction * total);
    }
}
