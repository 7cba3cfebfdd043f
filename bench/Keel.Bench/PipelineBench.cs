using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Keel.Bench;

/// <summary>The whole Keel pipeline (tracing, retry, timeout, usage, OpenTelemetry, typed errors, trace writing)
/// next to a direct OpenAI SDK call, both to the same simulator on loopback, alternating call by call.</summary>
internal static class PipelineBench
{
    public static async Task RunAsync(int calls)
    {
        await using var keel = await KeelModelsHarness.StartAsync("""
            models:
              sim:
                provider: openai-compatible
                model: gpt-4o-mini
                base_url: {0}v1
            prices:
              models:
                gpt-4o-mini: {{ input: 0.15, output: 0.6 }}
            """);
        var pipeline = keel.Models.GetChatClient("sim");
        var direct = new OpenAI.Chat.ChatClient("gpt-4o-mini", new ApiKeyCredential("none"), new OpenAIClientOptions
        {
            Endpoint = new Uri(keel.Simulator.BaseUrl, "v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        }).AsIChatClient();

        List<ChatMessage> messages = [new(ChatRole.User, "What is the refund window?")];
        for (var i = 0; i < 200; i++)
        {
            await direct.GetResponseAsync(messages);
            await pipeline.GetResponseAsync(messages);
        }

        var directMs = new List<double>(calls);
        var pipelineMs = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            // Interleave, and swap which goes first, so both see the same machine noise and neither always
            // follows the other (the one that follows finds the server and the loopback path warmer).
            if (i % 2 == 0)
            {
                directMs.Add(await TimeAsync(() => direct.GetResponseAsync(messages)));
                pipelineMs.Add(await TimeAsync(() => pipeline.GetResponseAsync(messages)));
            }
            else
            {
                pipelineMs.Add(await TimeAsync(() => pipeline.GetResponseAsync(messages)));
                directMs.Add(await TimeAsync(() => direct.GetResponseAsync(messages)));
            }
        }

        await keel.TraceWriter.FlushAsync();
        Console.WriteLine($"Pipeline overhead — {calls:N0} calls each, non-streaming, simulator on 127.0.0.1, {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"client",-44} {"p50 ms",8} {"p95 ms",8} {"mean ms",8}");
        Row("OpenAI SDK direct (baseline)", directMs);
        Row("Keel pipeline (all layers + trace)", pipelineMs);
        Console.WriteLine($"{"added by Keel",-44} {Percentiles.Of(pipelineMs, 0.5) - Percentiles.Of(directMs, 0.5),8:0.000} {Percentiles.Of(pipelineMs, 0.95) - Percentiles.Of(directMs, 0.95),8:0.000} {pipelineMs.Average() - directMs.Average(),8:0.000}  target p50 ≤ 0.2 ms");
        Console.WriteLine($"traces stored: {(await keel.Traces.ListAsync(calls * 10)).Count:N0} (expected {calls + 200:N0})");
    }

    private static async Task<double> TimeAsync(Func<Task<ChatResponse>> call)
    {
        var started = Stopwatch.GetTimestamp();
        await call();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static void Row(string name, List<double> values) =>
        Console.WriteLine($"{name,-44} {Percentiles.Of(values, 0.5),8:0.000} {Percentiles.Of(values, 0.95),8:0.000} {values.Average(),8:0.000}");

}
