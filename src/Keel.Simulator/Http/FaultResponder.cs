using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Keel.Simulator;

/// <summary>Applies the latency and the faults that replace an answer (rate limit, server error, hang, malformed JSON).</summary>
internal static class FaultResponder
{
    /// <summary>Returns true when the response has been fully handled and no answer must follow.</summary>
    public static async Task<bool> HandleAsync(HttpContext http, SimulatorContext sim, ChatRequest request, ChatOutcome outcome)
    {
        if (outcome.DelayMs > 0)
        {
            await DelayAsync(http, sim, outcome.DelayMs);
        }

        if (outcome.Fault is not { } fault)
        {
            return false;
        }

        sim.Stats.RecordFault();
        switch (fault.Kind)
        {
            case FaultKind.RateLimit:
                await RateLimitAsync(http, sim, request.Provider, fault);
                return true;
            case FaultKind.ServerError:
                var status = fault.Status ?? (request.Provider == SimProvider.Anthropic ? 529 : 500);
                await ErrorResponses.WriteAsync(http, request.Provider, status, ServerErrorMessage(status));
                return true;
            case FaultKind.Hang:
                await HangAsync(http, sim);
                return true;
            case FaultKind.MalformedJson:
                await MalformedAsync(http, sim, request);
                return true;
            default:
                return false;
        }
    }

    public static async Task DelayAsync(HttpContext http, SimulatorContext sim, int milliseconds)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, sim.Stopping);
        await Task.Delay(TimeSpan.FromMilliseconds(milliseconds), sim.TimeProvider, linked.Token);
    }

    private static async Task RateLimitAsync(HttpContext http, SimulatorContext sim, SimProvider provider, FaultSpec fault)
    {
        if (fault.RetryAfterMs is { } ms)
        {
            http.Response.Headers["retry-after-ms"] = ms.ToString(CultureInfo.InvariantCulture);
        }
        else if (fault.RetryAfterDate)
        {
            var at = sim.TimeProvider.GetUtcNow().AddSeconds(fault.RetryAfterSeconds);
            http.Response.Headers.RetryAfter = at.ToString("R", CultureInfo.InvariantCulture);
        }
        else
        {
            http.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        await ErrorResponses.WriteAsync(http, provider, StatusCodes.Status429TooManyRequests, "Rate limit reached (simulated by keel sim).");
    }

    private static async Task HangAsync(HttpContext http, SimulatorContext sim)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, sim.Stopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, sim.TimeProvider, linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up or the server is stopping: either way the request never gets an answer.
        }

        http.Abort();
    }

    private static async Task MalformedAsync(HttpContext http, SimulatorContext sim, ChatRequest request)
    {
        var broken = request.Provider == SimProvider.OpenAI
            ? "{\"id\":\"chatcmpl-sim\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Simulated"
            : "{\"id\":\"msg_sim\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Simulated";
        if (request.Stream)
        {
            var sse = new SseWriter(http, dropAfter: null, sim.TimeProvider);
            await sse.StartAsync();
            await sse.WriteAsync(request.Provider == SimProvider.Anthropic ? "message_start" : null, broken);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(broken), http.RequestAborted);
    }

    private static string ServerErrorMessage(int status) => status switch
    {
        502 => "Bad gateway (simulated by keel sim).",
        503 => "The service is temporarily unavailable (simulated by keel sim).",
        529 => "Overloaded (simulated by keel sim).",
        _ => "The server had an error while processing your request (simulated by keel sim).",
    };

    /// <summary>Sends the first half of a JSON body, then cuts the connection: a non-streaming answer dropped mid-way.</summary>
    public static async Task DropMidBodyAsync(HttpContext http, SimulatorContext sim, byte[] body)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
        await Task.Delay(TimeSpan.FromMilliseconds(100), sim.TimeProvider, http.RequestAborted);
        http.Abort();
    }
}
