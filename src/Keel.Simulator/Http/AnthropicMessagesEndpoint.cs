using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Keel.Simulator;

/// <summary><c>POST /v1/messages</c>: Anthropic messages, JSON or SSE with the real event sequence.</summary>
internal static class AnthropicMessagesEndpoint
{
    public const string Route = "/v1/messages";

    public static async Task HandleAsync(HttpContext http, SimulatorContext sim)
    {
        if (await ChatEndpoint.ReadAsync(http, sim, Route, SimProvider.Anthropic, AnthropicRequestReader.Read) is not { } request)
        {
            return;
        }

        http.Response.Headers["request-id"] = sim.NextId("req_sim");
        if (await ChatEndpoint.PlanAsync(http, sim, Route, request) is not { } outcome)
        {
            return;
        }

        var id = sim.NextId("msg_sim");
        var toolId = outcome.ToolCall is null ? null : sim.NextId("toolu_sim");
        if (request.Stream)
        {
            await StreamAsync(http, sim, request, outcome, id, toolId);
            return;
        }

        await ChatEndpoint.RespondAsync(http, sim, outcome, () => JsonBody.Build(w => WriteMessage(w, request, outcome, id, toolId)));
    }

    private static string StopReason(ChatOutcome outcome) => outcome.ToolCall is not null ? "tool_use" : outcome.Truncated ? "max_tokens" : "end_turn";

    private static void WriteMessage(Utf8JsonWriter writer, ChatRequest request, ChatOutcome outcome, string id, string? toolId, bool streamingStart = false)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("type", "message");
        writer.WriteString("role", "assistant");
        writer.WriteString("model", request.Model);
        writer.WriteStartArray("content");
        if (!streamingStart)
        {
            if (outcome.ToolCall is { } call)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "tool_use");
                writer.WriteString("id", toolId);
                writer.WriteString("name", call.Name);
                writer.WritePropertyName("input");
                writer.WriteRawValue(call.ArgumentsJson);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteString("type", "text");
                writer.WriteString("text", outcome.Text);
                writer.WriteNull("citations");
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
        if (streamingStart)
        {
            writer.WriteNull("stop_reason");
        }
        else
        {
            writer.WriteString("stop_reason", StopReason(outcome));
        }

        writer.WriteNull("stop_sequence");
        WriteUsage(writer, request.PromptTokens, streamingStart ? 1 : outcome.OutputTokens);
        writer.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter writer, int inputTokens, int outputTokens)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("input_tokens", inputTokens);
        writer.WriteNumber("cache_creation_input_tokens", 0);
        writer.WriteNumber("cache_read_input_tokens", 0);
        writer.WriteNumber("output_tokens", outputTokens);
        writer.WriteNull("server_tool_use");
        writer.WriteString("service_tier", "standard");
        writer.WriteEndObject();
    }

    private static async Task StreamAsync(HttpContext http, SimulatorContext sim, ChatRequest request, ChatOutcome outcome, string id, string? toolId)
    {
        var sse = new SseWriter(http, outcome.Fault?.Kind == FaultKind.DropMidStream ? outcome.Fault.AfterChunks : null, sim.TimeProvider);
        await sse.StartAsync();
        if (outcome.Fault?.Kind == FaultKind.SlowFirstToken)
        {
            await FaultResponder.DelayAsync(http, sim, outcome.Fault.DelayMs);
        }

        var events = new List<(string Name, byte[] Data)>
        {
            ("message_start", JsonBody.Build(w =>
            {
                w.WriteStartObject();
                w.WriteString("type", "message_start");
                w.WritePropertyName("message");
                WriteMessage(w, request, outcome, id, toolId, streamingStart: true);
                w.WriteEndObject();
            })),
            ("content_block_start", JsonBody.Build(w =>
            {
                w.WriteStartObject();
                w.WriteString("type", "content_block_start");
                w.WriteNumber("index", 0);
                w.WriteStartObject("content_block");
                if (outcome.ToolCall is { } call)
                {
                    w.WriteString("type", "tool_use");
                    w.WriteString("id", toolId);
                    w.WriteString("name", call.Name);
                    w.WriteStartObject("input");
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteString("type", "text");
                    w.WriteString("text", "");
                    w.WriteNull("citations");
                }

                w.WriteEndObject();
                w.WriteEndObject();
            })),
            ("ping", JsonBody.Build(w =>
            {
                w.WriteStartObject();
                w.WriteString("type", "ping");
                w.WriteEndObject();
            })),
        };

        var deltas = outcome.ToolCall is { } tool
            ? TextPieces.SplitJson(tool.ArgumentsJson).Select(piece => Delta("input_json_delta", "partial_json", piece))
            : TextPieces.Split(outcome.Text).Select(piece => Delta("text_delta", "text", piece));
        events.AddRange(deltas.Select(d => ("content_block_delta", d)));
        events.Add(("content_block_stop", JsonBody.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_stop");
            w.WriteNumber("index", 0);
            w.WriteEndObject();
        })));
        events.Add(("message_delta", JsonBody.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "message_delta");
            w.WriteStartObject("delta");
            w.WriteString("stop_reason", StopReason(outcome));
            w.WriteNull("stop_sequence");
            w.WriteEndObject();
            w.WriteStartObject("usage");
            w.WriteNumber("output_tokens", outcome.OutputTokens);
            w.WriteEndObject();
            w.WriteEndObject();
        })));

        foreach (var (name, data) in events)
        {
            if (!await sse.WriteAsync(name, data))
            {
                return;
            }
        }

        await sse.WriteFinalAsync("message_stop", "{\"type\":\"message_stop\"}");
    }

    private static byte[] Delta(string type, string property, string piece) => JsonBody.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "content_block_delta");
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        w.WriteString("type", type);
        w.WriteString(property, piece);
        w.WriteEndObject();
        w.WriteEndObject();
    });
}
