namespace Keel.Tests.Rag.Search;

/// <summary>Another embedding model replaces the local one by name in keel.yaml: here the simulator's embeddings,
/// through the OpenAI SDK and the models pipeline.</summary>
public sealed class ConfiguredEmbeddingsTests : IAsyncLifetime
{
    private SimulatedDirectory? _simulated;

    public async ValueTask InitializeAsync()
    {
        _simulated = await SimulatedDirectory.StartAsync("rules: []\n", baseUrl => $"""
            embeddings:
              model: hashes
            models:
              hashes:
                provider: openai-compatible
                model: sim-embed
                base_url: {baseUrl}
            """);
        _simulated.Directory.File("docs/trash.txt", "Deleted files stay in the trash for 60 days.");
        _simulated.Directory.File("docs/refunds.txt", "Refunds are issued within 30 days of purchase.");
    }

    public ValueTask DisposeAsync() => _simulated!.DisposeAsync();

    [Fact]
    public async Task Ingest_ConfiguredEmbeddingModel_StoresItsVectorsAndSearchUsesThem()
    {
        using var keel = KeelFixture.Open(_simulated!.Directory);

        var result = await keel.Index.IngestAsync(["docs"]);
        var key = keel.Get<Embedder>().Key;
        var stored = await keel.Store.LoadVectorsAsync(key);

        // The simulator's vectors are hashes of the text: only the identical text is near, which proves the query
        // and the chunks went through the same configured model.
        var hits = await keel.Index.SearchAsync("Refunds are issued within 30 days of purchase.", new SearchOptions { Mode = RetrievalMode.Vector });

        Assert.Equal(2, result.ChunksEmbedded);
        Assert.Equal("hashes:OpenaiCompatible:sim-embed", key);
        Assert.Equal(2, stored.ChunkIds.Length);
        Assert.Equal(384, stored.Dimensions);
        Assert.Equal("docs/refunds.txt", Assert.Single(hits).Source);
        Assert.Equal(1.0, hits[0].Score, precision: 3);
    }
}
