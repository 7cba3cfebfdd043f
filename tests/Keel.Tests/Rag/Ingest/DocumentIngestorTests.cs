namespace Keel.Tests.Rag.Ingest;

public sealed class DocumentIngestorTests : IDisposable
{
    private readonly KeelFixture _keel = new();

    public void Dispose() => _keel.Dispose();

    private static readonly Dictionary<string, string> Support = new(StringComparer.Ordinal) { ["team"] = "support" };

    private void WriteCorpus()
    {
        _keel.Directory.File("docs/refunds.md", "# Refunds\n\nRefunds are issued within 30 days of purchase.\n");
        _keel.Directory.File("docs/trash.txt", "Deleted files stay in the trash for 60 days.\n");
        _keel.Directory.File("docs/guides/setup.md", "# Setup\n\nInstall the desktop app and sign in.\n");
    }

    [Fact]
    public async Task Ingest_Folder_IndexesEveryFile()
    {
        WriteCorpus();

        var result = await _keel.Index.IngestAsync(["docs"]);

        Assert.Equal(3, result.FilesSeen);
        Assert.Equal(3, result.Added);
        Assert.True(result.ChunksWritten >= 3);
        Assert.Empty(result.Skipped);
        Assert.Equal(["docs/guides/setup.md", "docs/refunds.md", "docs/trash.txt"], (await _keel.Store.GetDocumentsAsync()).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ingest_UnchangedTree_WritesNothing()
    {
        WriteCorpus();
        await _keel.Index.IngestAsync(["docs"]);
        var generation = await _keel.Store.GetGenerationAsync();

        var result = await _keel.Index.IngestAsync(["docs"]);

        Assert.Equal(3, result.Unchanged);
        Assert.Equal(0, result.Added + result.Updated + result.Removed + result.ChunksWritten);
        Assert.Equal(generation, await _keel.Store.GetGenerationAsync());
    }

    [Fact]
    public async Task Ingest_ChangedFile_ReplacesOnlyItsChunks()
    {
        WriteCorpus();
        await _keel.Index.IngestAsync(["docs"]);
        var before = await _keel.Store.GetDocumentsAsync();
        _keel.Directory.File("docs/trash.txt", "Deleted files stay in the trash for 90 days.\n");

        var result = await _keel.Index.IngestAsync(["docs"]);
        var after = await _keel.Store.GetDocumentsAsync();

        Assert.Equal(1, result.Updated);
        Assert.Equal(2, result.Unchanged);
        Assert.Equal(before["docs/refunds.md"].Id, after["docs/refunds.md"].Id);
        Assert.NotEqual(before["docs/trash.txt"].Id, after["docs/trash.txt"].Id);
        Assert.Empty(await _keel.Index.SearchAsync("60"));
        Assert.Equal("docs/trash.txt", Assert.Single(await _keel.Index.SearchAsync("90")).Source);
    }

    [Fact]
    public async Task Ingest_DeletedFile_IsSwept()
    {
        WriteCorpus();
        await _keel.Index.IngestAsync(["docs"]);
        File.Delete(Path.Combine(_keel.Directory.Path, "docs/refunds.md"));

        var result = await _keel.Index.IngestAsync(["docs"]);

        Assert.Equal(1, result.Removed);
        Assert.DoesNotContain(await _keel.Index.SearchAsync("refunds"), h => h.Source == "docs/refunds.md");
    }

    [Theory]
    [InlineData("**/*.md", null)]
    [InlineData(null, "**/*.txt")]
    public async Task Ingest_FilterAfterFullIngest_KeepsFilesItLeavesOut(string? include, string? exclude)
    {
        WriteCorpus();
        await _keel.Index.IngestAsync(["docs"]);

        var result = await _keel.Index.IngestAsync(["docs"], new IngestOptions { Include = include is null ? null : [include], Exclude = exclude is null ? null : [exclude] });

        Assert.Equal(0, result.Removed);
        Assert.Equal(2, result.FilesSeen);
        Assert.Equal(3, (await _keel.Store.GetDocumentsAsync()).Count);
        Assert.Equal("docs/trash.txt", Assert.Single(await _keel.Index.SearchAsync("trash")).Source);
    }

    [Fact]
    public async Task Ingest_FilterWithPrune_RemovesTheFilesItLeavesOut()
    {
        WriteCorpus();
        await _keel.Index.IngestAsync(["docs"]);

        var result = await _keel.Index.IngestAsync(["docs"], new IngestOptions { Include = ["**/*.md"], Prune = true });

        Assert.Equal(1, result.Removed);
        Assert.Equal(["docs/guides/setup.md", "docs/refunds.md"], (await _keel.Store.GetDocumentsAsync()).Keys.Order(StringComparer.Ordinal));
        Assert.Empty(await _keel.Index.SearchAsync("trash"));
    }

    [Fact]
    public async Task Ingest_FilterAfterFullIngest_StillSweepsDeletedFiles()
    {
        WriteCorpus();
        await _keel.Index.IngestAsync(["docs"]);
        File.Delete(Path.Combine(_keel.Directory.Path, "docs/trash.txt"));
        File.Delete(Path.Combine(_keel.Directory.Path, "docs/refunds.md"));

        var result = await _keel.Index.IngestAsync(["docs"], new IngestOptions { Include = ["**/*.md"] });

        Assert.Equal(2, result.Removed);
        Assert.Equal(["docs/guides/setup.md"], (await _keel.Store.GetDocumentsAsync()).Keys);
    }

    [Fact]
    public async Task Ingest_OtherFolder_DoesNotSweepFirstFolder()
    {
        WriteCorpus();
        _keel.Directory.File("other/note.txt", "A note about invoices.");
        await _keel.Index.IngestAsync(["docs"]);

        var result = await _keel.Index.IngestAsync(["other"]);

        Assert.Equal(0, result.Removed);
        Assert.Equal(4, (await _keel.Store.GetDocumentsAsync()).Count);
    }

    [Fact]
    public async Task Ingest_IncludeAndExcludeGlobs_FilterFiles()
    {
        WriteCorpus();

        var result = await _keel.Index.IngestAsync(["docs"], new IngestOptions { Include = ["**/*.md"], Exclude = ["guides/**"] });

        Assert.Equal(1, result.FilesSeen);
        Assert.Equal(["docs/refunds.md"], (await _keel.Store.GetDocumentsAsync()).Keys);
    }

    [Fact]
    public async Task Ingest_AgainWithoutTags_KeepsTagsAndWritesNothing()
    {
        WriteCorpus();
        await _keel.Index.IngestAsync(["docs"], new IngestOptions { Tags = Support });
        var generation = await _keel.Store.GetGenerationAsync();

        var result = await _keel.Index.IngestAsync(["docs"]);

        Assert.Equal(3, result.Unchanged);
        Assert.Equal(generation, await _keel.Store.GetGenerationAsync());
        Assert.All((await _keel.Store.GetDocumentsAsync()).Values, d => Assert.Equal(Support, d.Tags));
    }

    [Fact]
    public async Task Ingest_ChangedFileWithoutTags_KeepsItsTags()
    {
        WriteCorpus();
        await _keel.Index.IngestAsync(["docs"], new IngestOptions { Tags = Support });
        _keel.Directory.File("docs/trash.txt", "Deleted files stay in the trash for 90 days.\n");

        var result = await _keel.Index.IngestAsync(["docs"]);

        Assert.Equal(1, result.Updated);
        Assert.Equal("docs/trash.txt", Assert.Single(await _keel.Index.SearchAsync("90", new SearchOptions { Filter = new SearchFilter { Tags = Support } })).Source);
    }

    [Fact]
    public async Task Ingest_OtherTags_ReplaceTheStoredOnes()
    {
        WriteCorpus();
        await _keel.Index.IngestAsync(["docs"], new IngestOptions { Tags = Support });
        var sales = new Dictionary<string, string>(StringComparer.Ordinal) { ["team"] = "sales" };

        var result = await _keel.Index.IngestAsync(["docs"], new IngestOptions { Tags = sales });

        Assert.Equal(3, result.Updated);
        Assert.All((await _keel.Store.GetDocumentsAsync()).Values, d => Assert.Equal(sales, d.Tags));
    }

    [Fact]
    public async Task AskWithDocuments_AfterTaggedIngest_KeepsTags()
    {
        WriteCorpus();
        await _keel.Index.IngestAsync(["docs"], new IngestOptions { Tags = Support });

        await _keel.Answerer.AskAsync("How long do deleted files stay in the trash?", new AskOptions { Documents = ["docs"] });

        Assert.All((await _keel.Store.GetDocumentsAsync()).Values, d => Assert.Equal(Support, d.Tags));
    }

    [Fact]
    public async Task Ingest_CorruptAndUnsupportedFiles_AreSkippedWithReasonsAndTheRestIngested()
    {
        WriteCorpus();
        _keel.Directory.File("docs/broken.pdf", "%PDF-1.7\nthis is not really a pdf");
        File.WriteAllBytes(Path.Combine(_keel.Directory.Path, "docs/blob.txt"), [0x00, 0x01, 0x02, 0xFF, 0x00, 0x10]);
        _keel.Directory.File("docs/image.png", "not an image");

        var result = await _keel.Index.IngestAsync(["docs"]);

        Assert.Equal(3, result.Added);
        Assert.Equal(["docs/blob.txt", "docs/broken.pdf", "docs/image.png"], result.Skipped.Select(s => s.Path).Order(StringComparer.Ordinal));
        Assert.Contains("unsupported file type '.png'", result.Skipped.Single(s => s.Path.EndsWith(".png", StringComparison.Ordinal)).Reason, StringComparison.Ordinal);
        Assert.All(result.Skipped, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
        Assert.All(result.Skipped, s => Assert.DoesNotContain(s.Path, s.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingest_FileTurnsCorrupt_KeepsPreviousVersion()
    {
        WriteCorpus();
        _keel.Directory.File("docs/manual.txt", "The warranty lasts two years.");
        await _keel.Index.IngestAsync(["docs"]);
        File.WriteAllBytes(Path.Combine(_keel.Directory.Path, "docs/manual.txt"), [0x00, 0x00, 0xFF, 0xFE, 0x00]);

        var result = await _keel.Index.IngestAsync(["docs"]);

        Assert.Single(result.Skipped);
        Assert.Equal(0, result.Removed);
        Assert.Equal("docs/manual.txt", Assert.Single(await _keel.Index.SearchAsync("warranty")).Source);
    }

    [Fact]
    public async Task Ingest_FileWithoutText_IsSkippedWithAReason()
    {
        _keel.Directory.File("docs/blank.md", "   \n\n   ");

        var result = await _keel.Index.IngestAsync(["docs"]);

        Assert.Contains("no text found", Assert.Single(result.Skipped).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_MissingPath_ThrowsAndChangesNothing()
    {
        WriteCorpus();
        await _keel.Index.IngestAsync(["docs"]);
        var generation = await _keel.Store.GetGenerationAsync();

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => _keel.Index.IngestAsync(["docs", "nope"]));

        Assert.Contains("nope: no such file or folder", error.Message, StringComparison.Ordinal);
        Assert.Equal(generation, await _keel.Store.GetGenerationAsync());
    }

    [Fact]
    public async Task Ingest_EmptyFolder_FindsNothing()
    {
        System.IO.Directory.CreateDirectory(Path.Combine(_keel.Directory.Path, "empty"));

        var result = await _keel.Index.IngestAsync(["empty"]);

        Assert.Equal(0, result.FilesSeen);
        Assert.Empty(await _keel.Store.GetDocumentsAsync());
    }

    [Fact]
    public async Task Ingest_SingleFile_IsIndexed()
    {
        WriteCorpus();

        var result = await _keel.Index.IngestAsync(["docs/trash.txt"]);

        Assert.Equal(1, result.Added);
        Assert.Equal("docs/trash.txt", Assert.Single(await _keel.Index.SearchAsync("trash")).Source);
    }

    [Fact]
    public async Task Ingest_ChangedChunkSettings_ReindexesEverything()
    {
        WriteCorpus();
        await _keel.Index.IngestAsync(["docs"]);
        _keel.Directory.File("keel.yaml", "ingest:\n  chunk_tokens: 128\n");
        _keel.Reload();

        var result = await _keel.Index.IngestAsync(["docs"]);

        Assert.Equal(3, result.Updated);
    }

    [Fact]
    public async Task Ingest_ManyBatches_CommitsEachAndStaysSearchable()
    {
        for (var i = 0; i < 30; i++)
        {
            _keel.Directory.File($"many/file{i:00}.txt", $"Document number {i} mentions token{i} and the shared word zebra.");
        }

        var ingestor = IngestorWithBatches(3);

        var result = await ingestor.IngestAsync(["many"], null, null, CancellationToken.None);
        var snapshot = await _keel.Store.LoadBm25SnapshotAsync();

        Assert.Equal(30, result.Added);
        Assert.Single(snapshot.Segments); // 10 batches, more than 8 segments, so compacted into one
        Assert.Equal(10, (await _keel.Index.SearchAsync("zebra", new SearchOptions { Top = 10 })).Count);
        Assert.Equal("many/file17.txt", (await _keel.Index.SearchAsync("token17")).First().Source);
    }

    [Fact]
    public async Task Ingest_Cancelled_KeepsCommittedBatchesConsistent()
    {
        for (var i = 0; i < 200; i++)
        {
            _keel.Directory.File($"many/file{i:000}.txt", $"Document {i} about zebra number{i}.");
        }

        using var cancellation = new CancellationTokenSource();
        var ingestor = IngestorWithBatches(10);
        var progress = new CallbackProgress<IngestProgress>(p =>
        {
            if (p.FilesDone == 100)
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ingestor.IngestAsync(["many"], null, progress, cancellation.Token));
        var documents = await _keel.Store.GetDocumentsAsync();
        var hits = await _keel.Index.SearchAsync("zebra", new SearchOptions { Top = 1000 });

        Assert.InRange(documents.Count, 10, 199);
        Assert.Equal(documents.Count, hits.Count); // every committed document is searchable, nothing half-written
        var rerun = await _keel.Index.IngestAsync(["many"]);
        Assert.Equal(200 - documents.Count, rerun.Added);
    }

    private DocumentIngestor IngestorWithBatches(int batchChunks) => new(
        _keel.Store,
        new DocumentLoaderRegistry(),
        new Chunker(new ChunkerOptions()),
        new IngestConfig { BatchChunks = batchChunks },
        _keel.Get<IndexPaths>(),
        _keel.Get<Embedder>(),
        TimeProvider.System);

    private sealed class CallbackProgress<T>(Action<T> callback) : IProgress<T>
    {
        public void Report(T value) => callback(value);
    }
}
