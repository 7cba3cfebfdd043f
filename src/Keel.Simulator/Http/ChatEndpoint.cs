using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Keel.Simulator;

/// <summary>The steps both chat endpoints (OpenAI and Anthropic) take around their own wire format: read and check
/// the request, plan the answer and inject a fault, and send a non-streamed body with the fault's timing.</summary>
internal static class ChatEndpoint
{
    /// <summary>Counts the request and reads it; null when an error response has already been written.</summary>
    public static async Task<ChatRequest?> ReadAsync(HttpContext http, SimulatorContext sim, string route, SimProvider provider, Func<JsonElement, ChatRequest> read)
    {
        sim.Stats.Record("POST " + route);
        using var document = await JsonBody.ReadAsync(http, provider);
        if (document is null)
        {
            return null;
        }

        try
        {
            return read(document.RootElement);
        }
        catch (InvalidRequestException ex)
        {
            await ErrorResponses.WriteAsync(http, provider, StatusCodes.Status400BadRequest, ex.Message);
            return null;
        }
    }

    /// <summary>Plans the answer; null when a fault has already answered the request.</summary>
    public static async Task<ChatOutcome?> PlanAsync(HttpContext http, SimulatorContext sim, string route, ChatRequest request)
    {
        var outcome = sim.Planner.Plan(request);
        SimulatorLog.ChatAnswered(sim.Logger, "POST " + route, request.Model, outcome);
        return await FaultResponder.HandleAsync(http, sim, request, outcome) ? null : outcome;
    }

    /// <summary>Sends a non-streamed answer, late for a slow first token, half of it for a dropped connection.</summary>
    public static async Task RespondAsync(HttpContext http, SimulatorContext sim, ChatOutcome outcome, Func<byte[]> buildBody)
    {
        if (outcome.Fault?.Kind == FaultKind.SlowFirstToken)
        {
            await FaultResponder.DelayAsync(http, sim, outcome.Fault.DelayMs);
        }

        var body = buildBody();
        if (outcome.Fault?.Kind == FaultKind.DropMidStream)
        {
            await FaultResponder.DropMidBodyAsync(http, sim, body);
            return;
        }

        await JsonBody.WriteAsync(http, StatusCodes.Status200OK, body);
    }
}
