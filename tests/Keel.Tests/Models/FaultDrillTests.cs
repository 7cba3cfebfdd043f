using Microsoft.Extensions.AI;

namespace Keel.Tests.Models;

/// <summary>1,000 calls through the full pipeline against two simulated models with 20% injected faults: every call
/// ends in an answer or a typed error, and the store holds exactly one trace per call.</summary>
public sealed class FaultDrillTests : IAsyncLifetime
{
    private const int Calls = 1000;
    private SimulatedDirectory? _simulated;

    public async ValueTask InitializeAsync()
    {
        const string Script = "fault_rate: { rate: 0.2, kinds: [rate_limit, server_error, drop_mid_stream, malformed_json], seed: 7 }\n";
        _simulated = await SimulatedDirectory.StartAsync(Script, baseUrl => $$"""
            models:
              primary:
                provider: openai-compatible
                model: primary-model
                base_url: {{baseUrl}}
                retry: { max_retries: 1, base_delay: 1ms, max_delay: 5ms }
                fallbacks: [secondary]
              secondary:
                provider: openai-compatible
                model: secondary-model
                base_url: {{baseUrl}}
                retry: { max_retries: 1, base_delay: 1ms, max_delay: 5ms }
            """);
    }

    public ValueTask DisposeAsync() => _simulated!.DisposeAsync();

    [Fact]
    public async Task Drill_TwentyPercentFaults_EveryCallEndsCleanlyWithOneTrace()
    {
        using var keel = KeelFixture.Open(_simulated!.Directory);
        var client = keel.Get<ModelCatalog>().GetChatClient("primary");
        var outcomes = new string[Calls];

        await Parallel.ForAsync(0, Calls, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancellationToken) =>
        {
            try
            {
                if (i % 2 == 0)
                {
                    outcomes[i] = (await client.GetResponseAsync($"question {i}", cancellationToken: cancellationToken)).Text.Length > 0 ? "ok" : "empty";
                }
                else
                {
                    var text = "";
                    await foreach (var update in client.GetStreamingResponseAsync($"question {i}", cancellationToken: cancellationToken))
                    {
                        text += update.Text;
                    }

                    outcomes[i] = text.Length > 0 ? "ok" : "empty";
                }
            }
            catch (ModelCallException ex)
            {
                outcomes[i] = ex.Kind.ToString();
            }
        });
        await keel.Get<TraceWriter>().FlushAsync();
        var traces = await keel.Get<ITraceStore>().ListAsync(Calls * 2);

        Assert.All(outcomes, outcome => Assert.NotNull(outcome));
        Assert.DoesNotContain(outcomes, outcome => outcome == "empty");
        Assert.Equal(Calls, traces.Count);
        Assert.Equal(outcomes.Count(o => o == "ok"), traces.Count(t => t.Status == "ok"));
        Assert.True(outcomes.Count(o => o == "ok") > Calls * 0.9, $"retries and fallback should rescue most calls: {string.Join(", ", outcomes.GroupBy(o => o).Select(g => $"{g.Key} {g.Count()}"))}");
        Assert.Contains(traces, t => t.AnsweredBy == "secondary");
        Assert.Contains(traces, t => t.Retries > 0);
    }
}
