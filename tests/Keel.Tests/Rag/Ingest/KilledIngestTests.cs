using System.Diagnostics;

namespace Keel.Tests.Rag.Ingest;

/// <summary>Kills a real <c>keel ingest</c> process part-way and checks that the index survives.</summary>
public sealed class KilledIngestTests : IDisposable
{
    private const int NewFiles = 3000;
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(300)]
    [InlineData(900)]
    [InlineData(1600)]
    public async Task Ingest_KilledPartWay_LeavesPreviousIndexIntactAndQueryable(int killAfterMs)
    {
        // Small batches, so that a killed run has committed some of its work and not the rest. Lexical only: this
        // test is about chunks and BM25 segments at scale; the one below kills a run that embeds.
        _directory.File("keel.yaml", "ingest:\n  batch_chunks: 150\nembeddings:\n  model: none\n");
        _directory.File("corpus/keep.txt", "The walrus manual says the warranty lasts two years.");
        Assert.Equal(0, await RunKeelAsync(killAfterMs: null, "ingest", "corpus", "--json"));

        _directory.File("corpus/keep.txt", "The narwhal manual says the warranty lasts three years.");
        for (var i = 0; i < NewFiles; i++)
        {
            _directory.File($"corpus/bulk/file{i:0000}.md", $"# Note {i}\n\n" + string.Join(' ', Enumerable.Repeat($"Paragraph about topic{i} and zebras in the savanna.", 20)));
        }

        await RunKeelAsync(killAfterMs, "ingest", "corpus", "--json");

        using (var keel = KeelFixture.Open(_directory))
        {
            var documents = await keel.Store.GetDocumentsAsync();
            var walrus = await keel.Index.SearchAsync("walrus");
            var narwhal = await keel.Index.SearchAsync("narwhal");

            // keep.txt is there in exactly one version: the old one, or the new one if its batch committed.
            Assert.Equal(1, walrus.Count + narwhal.Count);
            Assert.Contains("corpus/keep.txt", documents.Keys);

            // Every committed document is fully searchable; nothing is half-written.
            var bulkDocuments = documents.Keys.Count(k => k.StartsWith("corpus/bulk/", StringComparison.Ordinal));
            var zebraHits = await keel.Index.SearchAsync("zebras", new SearchOptions { Top = NewFiles + 10 });
            Assert.Equal(bulkDocuments, zebraHits.Select(h => h.Source).Distinct().Count());
        }

        // A new run finishes the job.
        Assert.Equal(0, await RunKeelAsync(killAfterMs: null, "ingest", "corpus", "--json"));
        using (var keel = KeelFixture.Open(_directory))
        {
            Assert.Equal(NewFiles + 1, (await keel.Store.GetDocumentsAsync()).Count);
            Assert.Single(await keel.Index.SearchAsync("narwhal"));
            Assert.Empty(await keel.Index.SearchAsync("walrus"));
        }
    }

    [Theory]
    [InlineData(1500)]
    [InlineData(3000)]
    public async Task Ingest_KilledWhileEmbedding_LeavesEveryCommittedChunkWithItsVector(int killAfterMs)
    {
        _directory.File("keel.yaml", "ingest:\n  batch_chunks: 8\n");
        for (var i = 0; i < 200; i++)
        {
            _directory.File($"corpus/note{i:000}.txt", $"Note {i}: the walrus colony number {i} moved north in spring.");
        }

        await RunKeelAsync(killAfterMs, "ingest", "corpus", "--json");

        using (var keel = KeelFixture.Open(_directory))
        {
            var key = keel.Get<Embedder>().Key;
            Assert.Empty(await keel.Store.GetChunksWithoutVectorsAsync(key, 10));
        }

        Assert.Equal(0, await RunKeelAsync(killAfterMs: null, "ingest", "corpus", "--json"));
        using (var keel = KeelFixture.Open(_directory))
        {
            Assert.Equal(200, (await keel.Store.GetDocumentsAsync()).Count);
            Assert.Equal(200, (await keel.Store.LoadVectorsAsync(keel.Get<Embedder>().Key)).ChunkIds.Length);
            var hits = await keel.Index.SearchAsync("Which walrus colony moved north?", new SearchOptions { Mode = RetrievalMode.Vector, Top = 3 });
            Assert.Equal(3, hits.Count);
        }
    }

    private async Task<int> RunKeelAsync(int? killAfterMs, params string[] args)
    {
        var keelDll = typeof(Keel.Cli.KeelCli).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _directory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(keelDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        if (killAfterMs is { } delay)
        {
            await Task.WhenAny(process.WaitForExitAsync(timeout.Token), Task.Delay(delay, timeout.Token));
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        await process.WaitForExitAsync(timeout.Token);
        await Task.WhenAll(output, error);
        return process.ExitCode;
    }
}
