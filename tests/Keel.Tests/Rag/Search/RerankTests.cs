using Keel.Simulator;

namespace Keel.Tests.Rag.Search;

/// <summary>The LLM reranker through the models pipeline, against the simulator: it reorders, and when the model
/// fails or is too slow the first-pass order is kept with a warning.</summary>
public sealed class RerankTests : IAsyncLifetime
{
    private const string KeyVariable = "KEEL_TEST_RERANK_KEY";
    private readonly TempDirectory _directory = new();
    private SimulatorServer? _sim;

    static RerankTests() => Environment.SetEnvironmentVariable(KeyVariable, "sk-test-simulator");

    public async ValueTask InitializeAsync()
    {
        // The reranker's prompt numbers the passages in first-pass order; the scripted verdicts reverse it, fail,
        // or arrive after the rerank timeout, depending on which query is in the prompt.
        _sim = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            ScriptYaml = """
                rules:
                  - match: { contains: "Query: tyres reverse" }
                    reply: '{"scores": [{"passage": 1, "score": 1}, {"passage": 2, "score": 5}, {"passage": 3, "score": 9}]}'
                  - match: { contains: "Query: tyres outage" }
                    fault: { kind: server_error, status: 503 }
                  - match: { contains: "Query: tyres slow" }
                    reply: '{"scores": []}'
                    delay_ms: 5000
                """,
        });
        _directory.File("keel.yaml", $$"""
            embeddings:
              model: none
            search:
              rerank:
                model: judge
                timeout: 1500ms
            models:
              judge:
                provider: openai
                model: sim-judge
                base_url: {{_sim.BaseUrl}}v1
                api_key_env: {{KeyVariable}}
                retry: { max_retries: 0 }
            """);
        _directory.File("docs/a.txt", "tyres tyres tyres reverse outage slow: the first-pass favourite.");
        _directory.File("docs/b.txt", "tyres tyres: the runner-up, about tyres.");
        _directory.File("docs/c.txt", "tyres: the one the judge likes best, a long note that mentions its subject once.");
        using var keel = KeelFixture.Open(_directory);
        await keel.Index.IngestAsync(["docs"]);
    }

    public async ValueTask DisposeAsync()
    {
        await _sim!.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Search_WithReranker_UsesTheModelsOrder()
    {
        using var keel = KeelFixture.Open(_directory);
        var firstPass = await FirstPassAsync(keel, "tyres reverse");

        var (hits, retrieval) = await keel.Get<DocumentSearcher>().SearchAsync("tyres reverse", 3, null, TestContext.Current.CancellationToken);

        Assert.Equal(3, firstPass.Count);
        Assert.Equal(firstPass.AsEnumerable().Reverse(), hits.Select(h => h.Source));
        Assert.Null(retrieval.RerankError);
    }

    [Theory]
    [InlineData("tyres outage", "failed")]
    [InlineData("tyres slow", "did not answer within 1.5 s")]
    public async Task Search_RerankerFailsOrTimesOut_KeepsFirstPassOrderAndSaysWhy(string query, string reason)
    {
        using var keel = KeelFixture.Open(_directory);
        var firstPass = await FirstPassAsync(keel, query);

        var (hits, retrieval) = await keel.Get<DocumentSearcher>().SearchAsync(query, 3, null, TestContext.Current.CancellationToken);

        Assert.Equal(firstPass, hits.Select(h => h.Source));
        Assert.Contains(reason, retrieval.RerankError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchCommand_RerankerFails_PrintsAWarningAndTheHits()
    {
        var result = await Cli.CliRunner.RunAsync(_directory.Path, "search", "tyres outage");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning:", result.Console, StringComparison.Ordinal);
        Assert.Contains("docs/a.txt", result.Console, StringComparison.Ordinal);
        Assert.Contains("first-pass order kept", result.Console, StringComparison.Ordinal);
    }

    /// <summary>The order without the reranker: a searcher built the same way, minus the reranker.</summary>
    private static async Task<List<string>> FirstPassAsync(KeelFixture keel, string query)
    {
        var searcher = new DocumentSearcher(keel.Store, keel.Get<Bm25Searcher>(), keel.Get<VectorSearcher>(), keel.Get<KeelConfig>().Search, vectorsEnabled: false);
        var (hits, _) = await searcher.SearchAsync(query, 3, null, TestContext.Current.CancellationToken);
        return [.. hits.Select(h => h.Source)];
    }
}
