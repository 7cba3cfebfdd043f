namespace Keel.Tests.Rag.Search;

/// <summary>Vectors at ingest: each distinct chunk text is embedded once per model, and kept with its chunks.</summary>
public sealed class VectorIngestTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static void WriteCorpus(TempDirectory directory)
    {
        directory.File("docs/refunds.md", "# Refunds\n\nRefunds are issued within 30 days of purchase.\n");
        directory.File("docs/trash.txt", "Deleted files stay in the trash for 60 days.\n");
        directory.File("docs/copy-of-trash.txt", "Deleted files stay in the trash for 60 days.\n");
    }

    [Fact]
    public async Task Ingest_UnchangedCorpus_MakesNoEmbeddingCalls()
    {
        Func<CountingEmbeddingGenerator> counter = null!;
        using var keel = new KeelFixture(services => counter = CountingEmbeddingGenerator.Install(services));
        WriteCorpus(keel.Directory);

        var first = await keel.Index.IngestAsync(["docs"]);
        var embeddedFirst = counter().Texts;
        var second = await keel.Index.IngestAsync(["docs"]);

        Assert.Equal(2, first.ChunksEmbedded); // the two identical files share one vector
        Assert.Equal(2, embeddedFirst);
        Assert.Equal(0, second.ChunksEmbedded);
        Assert.Equal(embeddedFirst, counter().Texts);
        Assert.Equal(3, (await keel.Store.LoadVectorsAsync(keel.Get<Embedder>().Key)).ChunkIds.Length);
    }

    [Fact]
    public async Task Ingest_ChangedFile_EmbedsOnlyItsNewText()
    {
        Func<CountingEmbeddingGenerator> counter = null!;
        using var keel = new KeelFixture(services => counter = CountingEmbeddingGenerator.Install(services));
        WriteCorpus(keel.Directory);
        await keel.Index.IngestAsync(["docs"]);
        var before = counter().Texts;
        keel.Directory.File("docs/refunds.md", "# Refunds\n\nRefunds are issued within 45 days of purchase.\n");

        var result = await keel.Index.IngestAsync(["docs"]);

        Assert.Equal(1, result.Updated);
        Assert.Equal(1, result.ChunksEmbedded);
        Assert.Equal(before + 1, counter().Texts);
    }

    [Fact]
    public async Task Ingest_EmbeddingModelChanged_ReembedsEverythingExactlyOnce()
    {
        using var keel = KeelFixture.Open(_directory);
        WriteCorpus(_directory);
        await keel.Index.IngestAsync(["docs"]);
        var oldKey = keel.Get<Embedder>().Key;

        _directory.File("keel.yaml", "embeddings:\n  max_tokens: 128\n");
        keel.Reload();
        var changed = await keel.Index.IngestAsync(["docs"]);
        var again = await keel.Index.IngestAsync(["docs"]);

        Assert.NotEqual(oldKey, keel.Get<Embedder>().Key);
        Assert.Equal(3, changed.Unchanged);
        Assert.Equal(2, changed.ChunksEmbedded);
        Assert.Equal(0, again.ChunksEmbedded);
        Assert.Equal(3, (await keel.Store.LoadVectorsAsync(keel.Get<Embedder>().Key)).ChunkIds.Length);
        Assert.Empty((await keel.Store.LoadVectorsAsync(oldKey)).ChunkIds); // the old model's vectors are pruned
    }

    [Fact]
    public async Task Ingest_EmbeddingsOff_StoresNoVectorsAndSearchIsLexical()
    {
        _directory.File("keel.yaml", "embeddings:\n  model: none\n");
        WriteCorpus(_directory);
        using var keel = KeelFixture.Open(_directory);

        var result = await keel.Index.IngestAsync(["docs"]);
        var hits = await keel.Index.SearchAsync("refunds");

        Assert.Equal(0, result.ChunksEmbedded);
        Assert.Equal("docs/refunds.md", Assert.Single(hits).Source);
        var error = await Assert.ThrowsAsync<KeelConfigurationException>(() => keel.Index.SearchAsync("refunds", new SearchOptions { Mode = RetrievalMode.Vector }));
        Assert.Contains("embeddings.model is 'none'", error.Message, StringComparison.Ordinal);
    }
}
