using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Keel.Simulator;

/// <summary><c>POST /v1/chat/completions</c>: OpenAI chat completions, JSON or SSE.</summary>
internal static class OpenAIChatEndpoint
{
    public const string Route = "/v1/chat/completions";

    public static async Task HandleAsync(HttpContext http, SimulatorContext sim)
    {
        if (await ChatEndpoint.ReadAsync(http, sim, Route, SimProvider.OpenAI, OpenAIRequestReader.Read) is not { } request
            || await ChatEndpoint.PlanAsync(http, sim, Route, request) is not { } outcome)
        {
            return;
        }

        var id = sim.NextId("chatcmpl-sim");
        var callId = outcome.ToolCall is null ? null : sim.NextId("call_sim");
        if (request.Stream)
        {
            await StreamAsync(http, sim, request, outcome, id, callId);
            return;
        }

        await ChatEndpoint.RespondAsync(http, sim, outcome, () => JsonBody.Build(w => WriteCompletion(w, sim, request, outcome, id, callId)));
    }

    private static string FinishReason(ChatOutcome outcome) => outcome.ToolCall is not null ? "tool_calls" : outcome.Truncated ? "length" : "stop";

    private static void WriteCompletion(Utf8JsonWriter writer, SimulatorContext sim, ChatRequest request, ChatOutcome outcome, string id, string? callId)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("object", "chat.completion");
        writer.WriteNumber("created", sim.UnixNow);
        writer.WriteString("model", request.Model);
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("message");
        writer.WriteString("role", "assistant");
        if (outcome.ToolCall is { } call)
        {
            writer.WriteNull("content");
            writer.WriteNull("refusal");
            writer.WriteStartArray("tool_calls");
            writer.WriteStartObject();
            writer.WriteString("id", callId);
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            writer.WriteString("name", call.Name);
            writer.WriteString("arguments", call.ArgumentsJson);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteString("content", outcome.Text);
            writer.WriteNull("refusal");
        }

        writer.WriteEndObject();
        writer.WriteNull("logprobs");
        writer.WriteString("finish_reason", FinishReason(outcome));
        writer.WriteEndObject();
        writer.WriteEndArray();
        WriteUsage(writer, request, outcome);
        writer.WriteString("system_fingerprint", "fp_keel_sim");
        writer.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter writer, ChatRequest request, ChatOutcome outcome)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", request.PromptTokens);
        writer.WriteNumber("completion_tokens", outcome.OutputTokens);
        writer.WriteNumber("total_tokens", request.PromptTokens + outcome.OutputTokens);
        writer.WriteEndObject();
    }

    private static async Task StreamAsync(HttpContext http, SimulatorContext sim, ChatRequest request, ChatOutcome outcome, string id, string? callId)
    {
        var sse = new SseWriter(http, outcome.Fault?.Kind == FaultKind.DropMidStream ? outcome.Fault.AfterChunks : null, sim.TimeProvider);
        await sse.StartAsync();
        if (outcome.Fault?.Kind == FaultKind.SlowFirstToken)
        {
            await FaultResponder.DelayAsync(http, sim, outcome.Fault.DelayMs);
        }

        var created = sim.UnixNow;
        if (!await sse.WriteAsync(null, Chunk(request, id, created, w =>
            {
                w.WriteString("role", "assistant");
                if (outcome.ToolCall is null)
                {
                    w.WriteString("content", "");
                }
                else
                {
                    w.WriteNull("content");
                }
            })))
        {
            return;
        }

        if (outcome.ToolCall is { } call)
        {
            if (!await sse.WriteAsync(null, Chunk(request, id, created, w => WriteToolDelta(w, w2 =>
                {
                    w2.WriteString("id", callId);
                    w2.WriteString("type", "function");
                    w2.WriteStartObject("function");
                    w2.WriteString("name", call.Name);
                    w2.WriteString("arguments", "");
                    w2.WriteEndObject();
                }))))
            {
                return;
            }

            foreach (var piece in TextPieces.SplitJson(call.ArgumentsJson))
            {
                if (!await sse.WriteAsync(null, Chunk(request, id, created, w => WriteToolDelta(w, w2 =>
                    {
                        w2.WriteStartObject("function");
                        w2.WriteString("arguments", piece);
                        w2.WriteEndObject();
                    }))))
                {
                    return;
                }
            }
        }
        else
        {
            foreach (var piece in TextPieces.Split(outcome.Text))
            {
                if (!await sse.WriteAsync(null, Chunk(request, id, created, w => w.WriteString("content", piece))))
                {
                    return;
                }
            }
        }

        if (!await sse.WriteAsync(null, Chunk(request, id, created, _ => { }, FinishReason(outcome))))
        {
            return;
        }

        if (request.IncludeUsage && !await sse.WriteAsync(null, JsonBody.Build(w =>
            {
                WriteChunkHeader(w, request, id, created);
                w.WriteStartArray("choices");
                w.WriteEndArray();
                WriteUsage(w, request, outcome);
                w.WriteEndObject();
            })))
        {
            return;
        }

        await sse.WriteFinalAsync(null, "[DONE]");
    }

    private static void WriteToolDelta(Utf8JsonWriter writer, Action<Utf8JsonWriter> writeCall)
    {
        writer.WriteStartArray("tool_calls");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writeCall(writer);
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteChunkHeader(Utf8JsonWriter writer, ChatRequest request, string id, long created)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("object", "chat.completion.chunk");
        writer.WriteNumber("created", created);
        writer.WriteString("model", request.Model);
        writer.WriteString("system_fingerprint", "fp_keel_sim");
    }

    private static byte[] Chunk(ChatRequest request, string id, long created, Action<Utf8JsonWriter> writeDelta, string? finishReason = null) =>
        JsonBody.Build(w =>
        {
            WriteChunkHeader(w, request, id, created);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("delta");
            writeDelta(w);
            w.WriteEndObject();
            w.WriteNull("logprobs");
            if (finishReason is null)
            {
                w.WriteNull("finish_reason");
            }
            else
            {
                w.WriteString("finish_reason", finishReason);
            }

            w.WriteEndObject();
            w.WriteEndArray();
            if (request.IncludeUsage)
            {
                w.WriteNull("usage");
            }

            w.WriteEndObject();
        });
}
