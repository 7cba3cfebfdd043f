namespace Keel.Tests.Rag.Search;

public sealed class Bm25SearcherTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly SqliteIndexStore _store;

    public Bm25SearcherTests() =>
        _store = new SqliteIndexStore(SqliteDatabase.Open(Path.Combine(_directory.Path, "keel.db")), TimeProvider.System);

    public void Dispose() => _directory.Dispose();

    private Task CommitAsync(long[] removed, params (string Path, string[][] Chunks)[] documents)
    {
        var segment = new Bm25SegmentBuilder();
        var newDocuments = new List<NewDocument>();
        foreach (var (path, chunkTerms) in documents)
        {
            var chunks = new List<Chunk>();
            foreach (var terms in chunkTerms)
            {
                var text = string.Join(' ', terms);
                chunks.Add(new Chunk(chunks.Count, 0, text.Length, text, [], null, null, terms.Length));
                segment.Add(terms);
            }

            newDocuments.Add(new NewDocument(path, "text", "hash-" + path, 1, chunks));
        }

        return _store.CommitAsync(new IndexBatch(removed, newDocuments, segment.Build()));
    }

    private async Task<Dictionary<string, double>> ScoresAsync(params string[] query)
    {
        var searcher = new Bm25Searcher(_store, new Bm25Parameters(K1: 1.2, B: 0.75));
        var result = await searcher.SearchAsync(query, 10);
        var chunks = await _store.GetChunksAsync([.. result.Hits.Select(h => h.ChunkId)]);
        return result.Hits.Zip(chunks).ToDictionary(p => p.Second.Text, p => p.First.Score);
    }

    [Fact]
    public async Task Search_TinyCorpus_MatchesHandComputedBm25()
    {
        await CommitAsync([], ("d1", [["a", "b"]]), ("d2", [["a", "a", "c"]]), ("d3", [["d"]]));

        var scores = await ScoresAsync("a");

        // N=3, avgdl=2, df(a)=2: idf = ln(1 + 1.5/2.5) = ln 1.6 = 0.470004.
        // "a b":   tf=1, dl=2 → 0.470004 · 1·2.2 / (1 + 1.2·(0.25 + 0.75·1))   = 0.470004
        // "a a c": tf=2, dl=3 → 0.470004 · 2·2.2 / (2 + 1.2·(0.25 + 0.75·1.5)) = 0.566580
        Assert.Equal(["a a c", "a b"], scores.Keys);
        Assert.Equal(0.566580, scores["a a c"], 5);
        Assert.Equal(0.470004, scores["a b"], 5);
    }

    [Fact]
    public async Task Search_UnknownTerm_ReturnsNothingAndZeroIdf()
    {
        await CommitAsync([], ("d1", [["a"]]));
        var searcher = new Bm25Searcher(_store, new Bm25Parameters());

        var result = await searcher.SearchAsync(["zzz"], 10);

        Assert.Empty(result.Hits);
        Assert.Equal(0, result.Idf["zzz"]);
    }

    [Fact]
    public async Task Search_RemovedDocument_IsGoneAndStatisticsExcludeIt()
    {
        await CommitAsync([], ("d1", [["a", "b"]]), ("d2", [["a", "a", "c"]]), ("d3", [["d"]]));
        var d2 = (await _store.GetDocumentsAsync())["d2"].Id;

        await CommitAsync([d2]);
        var scores = await ScoresAsync("a");

        // N=2, avgdl=1.5, df(a)=1: idf = ln 2; "a b": 0.693147 · 2.2 / (1 + 1.2·(0.25 + 0.75·2/1.5)) = 0.609970
        Assert.Equal(["a b"], scores.Keys);
        Assert.Equal(0.609970, scores["a b"], 5);
    }

    [Fact]
    public async Task Compact_AfterDeletesAndManySegments_KeepsScoresAndMergesSegments()
    {
        await CommitAsync([], ("d1", [["a", "b"], ["b", "c"]]));
        await CommitAsync([], ("d2", [["a", "a", "c"]]));
        await CommitAsync([], ("d3", [["d", "a"]]));
        await CommitAsync([(await _store.GetDocumentsAsync())["d3"].Id]);
        var before = await ScoresAsync("a", "c");

        Assert.True(await _store.CompactBm25Async(CompactionPolicy.Always));
        var after = await ScoresAsync("a", "c");
        var snapshot = await _store.LoadBm25SnapshotAsync();

        Assert.Single(snapshot.Segments);
        Assert.Empty(snapshot.Deleted);
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (text, score) in before)
        {
            Assert.Equal(score, after[text], 5);
        }
    }

    [Fact]
    public async Task Compact_NothingToDo_ReturnsFalse()
    {
        await CommitAsync([], ("d1", [["a"]]));

        Assert.False(await _store.CompactBm25Async(CompactionPolicy.Default));
    }

    [Fact]
    public async Task Search_AfterCommit_SeesNewChunksWithoutANewSearcher()
    {
        var searcher = new Bm25Searcher(_store, new Bm25Parameters());
        await CommitAsync([], ("d1", [["a"]]));
        Assert.Single((await searcher.SearchAsync(["a"], 10)).Hits);

        await CommitAsync([], ("d2", [["a", "x"]]));

        Assert.Equal(2, (await searcher.SearchAsync(["a"], 10)).Hits.Count);
    }

    [Fact]
    public async Task Search_EqualScores_AreOrderedByChunkId()
    {
        await CommitAsync([], ("d1", [["a"]]), ("d2", [["a"]]), ("d3", [["a"]]));
        var searcher = new Bm25Searcher(_store, new Bm25Parameters());

        var hits = (await searcher.SearchAsync(["a"], 2)).Hits;

        Assert.Equal(2, hits.Count);
        Assert.True(hits[0].ChunkId < hits[1].ChunkId);
    }

    [Fact]
    public void Postings_RoundTrip_PreservesGapsAndFrequencies()
    {
        var buffer = new List<byte>();
        Bm25Postings.Write(buffer, 0, 1);
        Bm25Postings.Write(buffer, 300, 70000);
        Bm25Postings.Write(buffer, 1, 2);
        var bytes = buffer.ToArray();

        var position = 0;
        var local = 0;
        var read = new List<(int, int)>();
        while (Bm25Postings.TryRead(bytes, ref position, ref local, out var frequency))
        {
            read.Add((local, frequency));
        }

        Assert.Equal([(0, 1), (300, 70000), (301, 2)], read);
        Assert.Equal([5L, 6L, 1000L], Bm25Postings.DecodeIds(Bm25Postings.EncodeIds([5, 6, 1000]), 3));
    }
}
