using Keel.Simulator;
using Microsoft.Extensions.AI;

namespace Keel.Tests.Pipeline.Cache;

/// <summary>The cache layer built from keel.yaml by <see cref="ModelCatalog"/>, through the real OpenAI SDK, against the simulator.</summary>
public sealed class ResponseCachePipelineTests : IAsyncLifetime
{
    private const string KeyVariable = "KEEL_TEST_SIMULATOR_KEY";

    private readonly TempDirectory _directory = new();
    private SimulatorServer? _sim;

    static ResponseCachePipelineTests() => Environment.SetEnvironmentVariable(KeyVariable, "sk-test-simulator");

    public async ValueTask InitializeAsync()
    {
        _sim = await SimulatorServer.StartAsync(new SimulatorOptions());
        _directory.File("keel.yaml", $$"""
            cache: { enabled: true, ttl: 1h }
            models:
              oa:
                provider: openai
                model: gpt-4o-mini
                base_url: {{_sim.BaseUrl}}v1
                api_key_env: {{KeyVariable}}
              uncached:
                provider: openai
                model: gpt-4o-mini
                base_url: {{_sim.BaseUrl}}v1
                api_key_env: {{KeyVariable}}
                cache: { enabled: false }
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _sim!.DisposeAsync();
        _directory.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_SecondIdenticalCall_MakesNoRequestAndIsStillTraced(bool streaming)
    {
        using var keel = KeelFixture.Open(_directory);
        var client = keel.Get<ModelCatalog>().GetChatClient("oa");

        var first = await PipelineTest.CallAsync(client, streaming);
        var requests = _sim!.Stats.TotalRequests;
        var second = await PipelineTest.CallAsync(client, !streaming);
        await keel.Get<TraceWriter>().FlushAsync();
        var traces = await keel.Get<ITraceStore>().ListAsync(10);

        Assert.Equal(1, requests);
        Assert.Equal(1, _sim.Stats.TotalRequests);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal("hit", second.AdditionalProperties?[KeelPropertyNames.CacheHit]);
        Assert.Equal(2, traces.Count);
        Assert.All(traces, t => Assert.Equal(("ok", "oa"), (t.Status, t.Model)));
    }

    [Fact]
    public async Task Call_ModelWithCacheOff_AsksEachTime()
    {
        using var keel = KeelFixture.Open(_directory);
        var client = keel.Get<ModelCatalog>().GetChatClient("uncached");

        await client.GetResponseAsync("Say hello");
        await client.GetResponseAsync("Say hello");

        Assert.Equal(2, _sim!.Stats.TotalRequests);
    }
}
