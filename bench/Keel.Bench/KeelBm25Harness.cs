using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Keel.Bench;

/// <summary>Keel's BM25 index over a BEIR corpus, one chunk per document (title as heading, abstract as text),
/// written through the same store, segment builder and analyzer that <c>keel ingest</c> uses.</summary>
internal sealed class KeelBm25Harness : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "keel-bench", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;
    private readonly Dictionary<long, string> _documentByChunk = [];

    public KeelBm25Harness(string keelYaml = "")
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "keel.yaml"), keelYaml);
        var services = new ServiceCollection();
        services.AddKeel(o => o.WorkingDirectory = _directory);
        _services = services.BuildServiceProvider();
    }

    public IIndexStore Store => _services.GetRequiredService<IIndexStore>();

    public Bm25Searcher Searcher => _services.GetRequiredService<Bm25Searcher>();

    public DocumentSearcher DocumentSearcher => _services.GetRequiredService<DocumentSearcher>();

    public ExtractiveAnswerer Answerer => _services.GetRequiredService<ExtractiveAnswerer>();

    public string DocumentOf(long chunkId) => _documentByChunk[chunkId];

    /// <summary>Indexes the documents in batches of <paramref name="batch"/>; returns the wall time.</summary>
    public async Task<TimeSpan> IndexAsync(IEnumerable<(string Id, string Title, string Text)> documents, int batch = 20_000)
    {
        var stopwatch = Stopwatch.StartNew();
        var pending = new List<NewDocument>();
        var segment = new Bm25SegmentBuilder();
        var terms = new List<string>();
        foreach (var (id, title, text) in documents)
        {
            IReadOnlyList<string> heading = title.Length > 0 ? [title] : [];
            pending.Add(new NewDocument(id, "beir", id, text.Length, [new Chunk(0, 0, text.Length, text, heading, null, null, 0)]));
            terms.Clear();
            EnglishAnalyzer.Analyze(ChunkText.ForIndex(heading, null, text), terms);
            segment.Add(terms);
            if (pending.Count >= batch)
            {
                await Store.CommitAsync(new IndexBatch([], pending, segment.Build()));
                pending.Clear();
                segment = new Bm25SegmentBuilder();
            }
        }

        if (pending.Count > 0)
        {
            await Store.CommitAsync(new IndexBatch([], pending, segment.Build()));
        }

        await Store.CompactBm25Async(CompactionPolicy.Default);
        stopwatch.Stop();

        var snapshot = await Store.LoadBm25SnapshotAsync();
        var ids = snapshot.Segments.SelectMany(s => s.ChunkIds).ToList();
        for (var i = 0; i < ids.Count; i += 500)
        {
            foreach (var chunk in await Store.GetChunksAsync(ids.Skip(i).Take(500).ToList()))
            {
                _documentByChunk[chunk.Id] = chunk.Path;
            }
        }

        return stopwatch.Elapsed;
    }

    public async Task<IReadOnlyList<string>> RankAsync(string query, int top)
    {
        var terms = new List<string>();
        EnglishAnalyzer.Analyze(query, terms);
        var result = await Searcher.SearchAsync(terms, top);
        return [.. result.Hits.Select(h => _documentByChunk[h.ChunkId])];
    }

    public void Dispose()
    {
        _services.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
