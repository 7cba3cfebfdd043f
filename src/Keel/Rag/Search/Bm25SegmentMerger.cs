namespace Keel;

/// <summary>Rewrites several BM25 segments as one, leaving out deleted chunks.</summary>
internal static class Bm25SegmentMerger
{
    /// <param name="snapshot">The segments and deleted chunk ids.</param>
    /// <param name="rowsByTerm">Every postings row, ordered by term then segment id.</param>
    public static (IReadOnlyList<long> ChunkIds, Bm25SegmentData Segment) Merge(Bm25Snapshot snapshot, IEnumerable<Bm25PostingsRow> rowsByTerm)
    {
        // New local numbers: live chunks of every segment, in segment order (ids stay ascending).
        var remap = new Dictionary<long, int[]>();
        var chunkIds = new List<long>();
        var lengths = new List<int>();
        foreach (var segment in snapshot.Segments)
        {
            var map = new int[segment.ChunkIds.Length];
            for (var i = 0; i < map.Length; i++)
            {
                if (snapshot.Deleted.Contains(segment.ChunkIds[i]))
                {
                    map[i] = -1;
                    continue;
                }

                map[i] = chunkIds.Count;
                chunkIds.Add(segment.ChunkIds[i]);
                lengths.Add(segment.Lengths[i]);
            }

            remap[segment.Id] = map;
        }

        var postings = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var buffer = new List<byte>();
        string? currentTerm = null;
        var lastLocal = 0;
        foreach (var row in rowsByTerm)
        {
            if (!string.Equals(row.Term, currentTerm, StringComparison.Ordinal))
            {
                Flush(postings, currentTerm, buffer);
                currentTerm = row.Term;
                lastLocal = 0;
            }

            if (!remap.TryGetValue(row.SegmentId, out var map))
            {
                continue;
            }

            var position = 0;
            var local = 0;
            while (Bm25Postings.TryRead(row.Postings, ref position, ref local, out var frequency))
            {
                var newLocal = map[local];
                if (newLocal < 0)
                {
                    continue;
                }

                Bm25Postings.Write(buffer, newLocal - lastLocal, frequency);
                lastLocal = newLocal;
            }
        }

        Flush(postings, currentTerm, buffer);
        return (chunkIds, new Bm25SegmentData(postings, [.. lengths]));
    }

    private static void Flush(Dictionary<string, byte[]> postings, string? term, List<byte> buffer)
    {
        if (term is not null && buffer.Count > 0)
        {
            postings[term] = [.. buffer];
        }

        buffer.Clear();
    }
}
