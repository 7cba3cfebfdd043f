using BenchmarkDotNet.Attributes;

namespace Keel.Bench;

/// <summary>One SciFact claim against the SciFact corpus: Keel's BM25 search next to SQLite FTS5 (the baseline).</summary>
[MemoryDiagnoser]
public class Bm25QueryBenchmarks
{
    private KeelBm25Harness? _keel;
    private Fts5Harness? _fts5;
    private string _query = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var scifact = BeirDataset.Load(Path.Combine(BenchData.Locate(null), "scifact"), "test");
        var documents = scifact.Corpus.Select(d => (d.Id, d.Title, d.Text)).ToList();
        _keel = new KeelBm25Harness();
        await _keel.IndexAsync(documents);
        _fts5 = new Fts5Harness();
        _fts5.Index(documents);
        _query = scifact.Queries[0].Text;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _keel?.Dispose();
        _fts5?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public IReadOnlyList<string> Fts5() => _fts5!.Rank(_query, 10);

    [Benchmark]
    public Task<IReadOnlyList<string>> Keel() => _keel!.RankAsync(_query, 10);
}
