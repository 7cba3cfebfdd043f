namespace Keel;

/// <summary>Ranks chunks with Okapi BM25 over the segments in the store.</summary>
/// <remarks>Segment maps and lengths are held in memory and reloaded when the store's generation changes; postings
/// are read per query term. IDF is Lucene's <c>ln(1 + (N - df + 0.5) / (df + 0.5))</c>, with N and df counting live
/// chunks only. Thread-safe.</remarks>
internal sealed class Bm25Searcher(IIndexStore store, Bm25Parameters parameters)
{
    private volatile LoadedSnapshot? _snapshot;

    public async Task<Bm25Result> SearchAsync(IReadOnlyList<string> queryTerms, int top, IReadOnlySet<long>? allowed = null, CancellationToken cancellationToken = default)
    {
        var snapshot = await CurrentSnapshotAsync(cancellationToken);
        var queryCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in queryTerms)
        {
            queryCounts[term] = queryCounts.GetValueOrDefault(term) + 1;
        }

        var idf = new Dictionary<string, double>(StringComparer.Ordinal);
        if (snapshot.LiveCount == 0 || queryCounts.Count == 0)
        {
            foreach (var term in queryCounts.Keys)
            {
                idf[term] = 0;
            }

            return new Bm25Result([], idf, snapshot.LiveCount);
        }

        var rows = await store.GetPostingsAsync(queryCounts.Keys, cancellationToken);
        var rowsByTerm = rows.GroupBy(r => r.Term, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var scores = snapshot.NewAccumulators();
        var k1 = parameters.K1;
        var b = parameters.B;
        var averageLength = snapshot.AverageLength;
        var decoded = new List<(int Segment, int Local, int Frequency)>();

        foreach (var (term, queryCount) in queryCounts)
        {
            decoded.Clear();
            if (rowsByTerm.TryGetValue(term, out var termRows))
            {
                foreach (var row in termRows)
                {
                    if (!snapshot.SegmentIndex.TryGetValue(row.SegmentId, out var segment))
                    {
                        continue; // written after the snapshot was taken
                    }

                    var deleted = snapshot.Deleted[segment];
                    var position = 0;
                    var local = 0;
                    while (Bm25Postings.TryRead(row.Postings, ref position, ref local, out var frequency))
                    {
                        if (!deleted[local])
                        {
                            decoded.Add((segment, local, frequency));
                        }
                    }
                }
            }

            var df = decoded.Count;
            var termIdf = df == 0 ? 0 : Math.Log(1 + ((snapshot.LiveCount - df + 0.5) / (df + 0.5)));
            idf[term] = termIdf;
            var weight = termIdf * queryCount;
            foreach (var (segment, local, frequency) in decoded)
            {
                var length = snapshot.Lengths[segment][local];
                var norm = k1 * (1 - b + (b * length / averageLength));
                scores[segment][local] += (float)(weight * frequency * (k1 + 1) / (frequency + norm));
            }
        }

        return new Bm25Result(TopK(snapshot, scores, top, allowed), idf, snapshot.LiveCount);
    }

    private static List<(long ChunkId, double Score)> TopK(LoadedSnapshot snapshot, float[][] scores, int top, IReadOnlySet<long>? allowed)
    {
        var heap = new PriorityQueue<(int Segment, int Local), (float Score, long Id)>(top + 1, RankOrder.Instance);
        for (var s = 0; s < scores.Length; s++)
        {
            var segmentScores = scores[s];
            var ids = snapshot.ChunkIds[s];
            for (var i = 0; i < segmentScores.Length; i++)
            {
                var score = segmentScores[i];
                if (score <= 0 || (allowed is not null && !allowed.Contains(ids[i])))
                {
                    continue;
                }

                if (heap.Count < top)
                {
                    heap.Enqueue((s, i), (score, ids[i]));
                }
                else if (heap.TryPeek(out _, out var lowest) && RankOrder.Instance.Compare((score, ids[i]), lowest) > 0)
                {
                    heap.DequeueEnqueue((s, i), (score, ids[i]));
                }
            }
        }

        var hits = new List<(long ChunkId, double Score)>(heap.Count);
        while (heap.TryDequeue(out var entry, out var priority))
        {
            hits.Add((snapshot.ChunkIds[entry.Segment][entry.Local], priority.Score));
        }

        hits.Reverse();
        return hits;
    }

    private async Task<LoadedSnapshot> CurrentSnapshotAsync(CancellationToken cancellationToken)
    {
        var generation = await store.GetGenerationAsync(cancellationToken);
        var snapshot = _snapshot;
        if (snapshot is not null && snapshot.Generation == generation)
        {
            return snapshot;
        }

        // Two callers may both reload after a commit; both snapshots are equally valid, the last one is kept.
        snapshot = new LoadedSnapshot(await store.LoadBm25SnapshotAsync(cancellationToken));
        _snapshot = snapshot;
        return snapshot;
    }

    private sealed class LoadedSnapshot
    {
        public LoadedSnapshot(Bm25Snapshot snapshot)
        {
            Generation = snapshot.Generation;
            var count = snapshot.Segments.Count;
            ChunkIds = new long[count][];
            Lengths = new int[count][];
            Deleted = new bool[count][];
            long totalLength = 0;
            for (var s = 0; s < count; s++)
            {
                var segment = snapshot.Segments[s];
                SegmentIndex[segment.Id] = s;
                ChunkIds[s] = segment.ChunkIds;
                Lengths[s] = segment.Lengths;
                Deleted[s] = new bool[segment.ChunkIds.Length];
                for (var i = 0; i < segment.ChunkIds.Length; i++)
                {
                    if (snapshot.Deleted.Contains(segment.ChunkIds[i]))
                    {
                        Deleted[s][i] = true;
                        continue;
                    }

                    LiveCount++;
                    totalLength += segment.Lengths[i];
                }
            }

            AverageLength = LiveCount == 0 ? 1 : Math.Max(1, (double)totalLength / LiveCount);
        }

        public long Generation { get; }

        public Dictionary<long, int> SegmentIndex { get; } = [];

        public long[][] ChunkIds { get; }

        public int[][] Lengths { get; }

        public bool[][] Deleted { get; }

        public int LiveCount { get; }

        public double AverageLength { get; }

        public float[][] NewAccumulators()
        {
            var accumulators = new float[ChunkIds.Length][];
            for (var s = 0; s < accumulators.Length; s++)
            {
                accumulators[s] = new float[ChunkIds[s].Length];
            }

            return accumulators;
        }
    }
}
