using Keel.Simulator;

namespace Keel.Tests.Rag.Search;

/// <summary>Another embedding model replaces the local one by name in keel.yaml: here the simulator's embeddings,
/// through the OpenAI SDK and the models pipeline.</summary>
public sealed class ConfiguredEmbeddingsTests : IAsyncLifetime
{
    private const string KeyVariable = "KEEL_TEST_EMBEDDINGS_KEY";
    private readonly TempDirectory _directory = new();
    private SimulatorServer? _sim;

    static ConfiguredEmbeddingsTests() => Environment.SetEnvironmentVariable(KeyVariable, "sk-test-simulator");

    public async ValueTask InitializeAsync()
    {
        _sim = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptYaml = "rules: []\n" });
        _directory.File("keel.yaml", $$"""
            embeddings:
              model: hashes
            models:
              hashes:
                provider: openai
                model: sim-embed
                base_url: {{_sim.BaseUrl}}v1
                api_key_env: {{KeyVariable}}
            """);
        _directory.File("docs/trash.txt", "Deleted files stay in the trash for 60 days.");
        _directory.File("docs/refunds.txt", "Refunds are issued within 30 days of purchase.");
    }

    public async ValueTask DisposeAsync()
    {
        await _sim!.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Ingest_ConfiguredEmbeddingModel_StoresItsVectorsAndSearchUsesThem()
    {
        using var keel = KeelFixture.Open(_directory);

        var result = await keel.Index.IngestAsync(["docs"]);
        var key = keel.Get<Embedder>().Key;
        var stored = await keel.Store.LoadVectorsAsync(key);

        // The simulator's vectors are hashes of the text: only the identical text is near, which proves the query
        // and the chunks went through the same configured model.
        var hits = await keel.Index.SearchAsync("Refunds are issued within 30 days of purchase.", new SearchOptions { Mode = RetrievalMode.Vector });

        Assert.Equal(2, result.ChunksEmbedded);
        Assert.Equal("hashes:Openai:sim-embed", key);
        Assert.Equal(2, stored.ChunkIds.Length);
        Assert.Equal(384, stored.Dimensions);
        Assert.Equal("docs/refunds.txt", Assert.Single(hits).Source);
        Assert.Equal(1.0, hits[0].Score, precision: 3);
    }
}
