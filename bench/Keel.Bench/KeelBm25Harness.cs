using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Keel.Bench;

/// <summary>Keel's index over a BEIR corpus, one chunk per document (title as heading, abstract as text),
/// written through the same store, segment builder and analyzer that <c>keel ingest</c> uses; with
/// <c>embed</c>, each chunk also gets the vector <c>keel ingest</c> would store for it (same text, same model).</summary>
/// <remarks>With a <c>cacheDirectory</c> the store is kept after the run and reused by the next one when it was
/// completed (<see cref="Cached"/>), so embedding a corpus is paid once.</remarks>
internal sealed class KeelBm25Harness : IDisposable
{
    private const string CompleteMarker = "complete.txt";

    private readonly string _directory;
    private readonly bool _persistent;
    private readonly ServiceProvider _services;
    private readonly Dictionary<long, string> _documentByChunk = [];

    public KeelBm25Harness(string keelYaml = "", string? cacheDirectory = null)
    {
        _persistent = cacheDirectory is not null;
        _directory = cacheDirectory ?? Path.Combine(Path.GetTempPath(), "keel-bench", Guid.NewGuid().ToString("N"));
        if (_persistent && !File.Exists(Path.Combine(_directory, CompleteMarker)) && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true); // an interrupted build: start again
        }

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

    public VectorSearcher Vectors => _services.GetRequiredService<VectorSearcher>();

    public Embedder Embedder => _services.GetRequiredService<Embedder>();

    public KeelConfig Config => _services.GetRequiredService<KeelConfig>();

    /// <summary>What the completed cached store recorded about its build, or null when this run must build it.</summary>
    public string? Cached => _persistent && File.Exists(Path.Combine(_directory, CompleteMarker)) ? File.ReadAllText(Path.Combine(_directory, CompleteMarker)) : null;

    public string Location => _directory;

    public string DocumentOf(long chunkId) => _documentByChunk[chunkId];

    /// <summary>Indexes the documents in batches of <paramref name="batch"/>; returns the wall time.</summary>
    /// <summary>Indexes the documents in batches of <paramref name="batch"/> (embedding each batch first when
    /// <paramref name="embed"/>); returns the wall time. A completed cached store is reused as it is (zero time).</summary>
    public async Task<TimeSpan> IndexAsync(IEnumerable<(string Id, string Title, string Text)> documents, int batch = 20_000, bool embed = false)
    {
        var stopwatch = Stopwatch.StartNew();
        if (Cached is null)
        {
            await WriteAsync(documents, batch, embed);
        }

        stopwatch.Stop();
        if (_persistent && Cached is null)
        {
            File.WriteAllText(Path.Combine(_directory, CompleteMarker), $"built in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        }

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

    private async Task WriteAsync(IEnumerable<(string Id, string Title, string Text)> documents, int batch, bool embed)
    {
        var pending = new List<NewDocument>();
        var indexTexts = new List<string>();
        var segment = new Bm25SegmentBuilder();
        var terms = new List<string>();
        var written = 0;
        foreach (var (id, title, text) in documents)
        {
            IReadOnlyList<string> heading = title.Length > 0 ? [title] : [];
            var indexText = ChunkText.ForIndex(heading, null, text);
            pending.Add(new NewDocument(id, "beir", id, text.Length, [new Chunk(0, 0, text.Length, text, heading, null, null, 0)], embed ? [ChunkText.Hash(indexText)] : null));
            indexTexts.Add(indexText);
            terms.Clear();
            EnglishAnalyzer.Analyze(indexText, terms);
            segment.Add(terms);
            if (pending.Count >= batch)
            {
                await CommitAsync(pending, indexTexts, segment, embed);
                written += pending.Count;
                if (embed)
                {
                    Console.Error.Write($"\r  embedded and indexed {written:N0} documents");
                }

                pending.Clear();
                indexTexts.Clear();
                segment = new Bm25SegmentBuilder();
            }
        }

        if (pending.Count > 0)
        {
            await CommitAsync(pending, indexTexts, segment, embed);
        }

        if (embed)
        {
            Console.Error.WriteLine();
        }

        await Store.CompactBm25Async(CompactionPolicy.Default);
    }

    private async Task CommitAsync(List<NewDocument> documents, List<string> indexTexts, Bm25SegmentBuilder segment, bool embed)
    {
        VectorBatch? vectors = null;
        if (embed)
        {
            var embedded = await Embedder.EmbedAsync(indexTexts, null, CancellationToken.None);
            var byHash = new Dictionary<string, float[]>(StringComparer.Ordinal);
            for (var i = 0; i < documents.Count; i++)
            {
                byHash.TryAdd(documents[i].TextHashes![0], embedded[i]);
            }

            vectors = new VectorBatch(Embedder.Key, byHash);
        }

        await Store.CommitAsync(new IndexBatch([], documents, segment.Build()) { Vectors = vectors });
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
        if (_persistent)
        {
            return;
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
