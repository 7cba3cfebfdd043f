using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Keel.Bench;

/// <summary>Many calls through the full pipeline against two simulated models with 20% injected faults: how each call
/// ended, and whether the store holds exactly one trace per call.</summary>
internal static class FaultDrillBench
{
    public static async Task RunAsync(int calls)
    {
        await using var keel = await KeelModelsHarness.StartAsync(
            """
            models:
              primary:
                provider: openai-compatible
                model: primary-model
                base_url: {0}v1
                retry: {{ max_retries: 2, base_delay: 1ms, max_delay: 10ms }}
                fallbacks: [secondary]
              secondary:
                provider: openai-compatible
                model: secondary-model
                base_url: {0}v1
                retry: {{ max_retries: 2, base_delay: 1ms, max_delay: 10ms }}
            """,
            "fault_rate: { rate: 0.2, kinds: [rate_limit, server_error, drop_mid_stream, malformed_json], seed: 11 }\n");
        var client = keel.Models.GetChatClient("primary");
        var outcomes = new string[calls];
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForAsync(0, calls, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, cancellationToken) =>
        {
            try
            {
                if (i % 2 == 0)
                {
                    await client.GetResponseAsync($"question {i}", cancellationToken: cancellationToken);
                }
                else
                {
                    await foreach (var _ in client.GetStreamingResponseAsync($"question {i}", cancellationToken: cancellationToken))
                    {
                    }
                }

                outcomes[i] = "answered";
            }
            catch (ModelCallException ex)
            {
                outcomes[i] = "error: " + ex.Kind;
            }
        });
        var elapsed = Stopwatch.GetElapsedTime(started);
        await keel.TraceWriter.FlushAsync();
        var traces = await keel.Traces.ListAsync(calls * 2);

        Console.WriteLine($"Fault drill — {calls:N0} calls (half streaming), 20% random faults (429, 5xx, cut streams, malformed JSON), 2 models, retries 2, fallback; {elapsed.TotalSeconds:0.0} s");
        foreach (var group in outcomes.GroupBy(o => o ?? "UNFINISHED").OrderByDescending(g => g.Count()))
        {
            Console.WriteLine($"  {group.Key,-32} {group.Count(),7:N0}");
        }

        Console.WriteLine($"  traces stored {traces.Count:N0} for {calls:N0} calls; answered by secondary: {traces.Count(t => t.AnsweredBy == "secondary"):N0}; with retries: {traces.Count(t => t.Retries > 0):N0}; simulator requests: {keel.Simulator.Stats.TotalRequests:N0}");
    }
}
