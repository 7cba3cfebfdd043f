using System.Text;
using System.Text.Json;

namespace Keel.Simulator;

/// <summary>Decides the answer to each chat request: the first matching rule, a seeded random fault, or the default reply.</summary>
internal sealed class ReplyPlanner
{
    private const int QuoteLength = 80;

    private readonly SimulatorScript _script;
    private readonly int[] _uses;
    private readonly FaultRateSpec? _faultRate;
    private readonly Random? _random;
    private readonly Lock _randomLock = new();

    public ReplyPlanner(SimulatorScript script, double? faultRate = null, int? faultSeed = null)
    {
        _script = script;
        _uses = new int[script.Rules.Count];
        _faultRate = script.FaultRate;
        if (faultRate is { } rate)
        {
            _faultRate = (_faultRate ?? new FaultRateSpec(rate, FaultRates.DefaultKinds, 0)) with { Rate = rate };
        }

        if (faultSeed is { } seed && _faultRate is not null)
        {
            _faultRate = _faultRate with { Seed = seed };
        }

        _random = _faultRate is { Rate: > 0 } ? new Random(_faultRate.Seed) : null;
    }

    public IEnumerable<string> ScriptedModels => _script.Rules.Select(r => r.Match.Model).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase);

    public ChatOutcome Plan(ChatRequest request)
    {
        var rule = FirstMatch(request);
        var randomFault = DrawFault(request.Provider);
        var fault = rule?.Fault ?? randomFault;
        var toolCall = rule?.ToolCall;
        if (toolCall is null && rule?.Reply is null && request.Tools.Count > 0 && request.ToolResultText is null)
        {
            toolCall = DefaultToolCall(request.Tools[0]);
        }

        var text = toolCall is null ? rule?.Reply ?? DefaultReply(request) : "";
        var limit = request.MaxTokens;
        if (fault?.Kind == FaultKind.Length)
        {
            toolCall = null;
            text = rule?.Reply ?? DefaultReply(request);
            limit = Math.Min(limit ?? int.MaxValue, Math.Max(1, TokenEstimator.Count(text) / 2));
        }

        var truncated = false;
        if (toolCall is null && limit is { } max && TokenEstimator.Count(text) > max)
        {
            text = Truncate(text, max);
            truncated = true;
        }

        return new ChatOutcome(text, toolCall, fault, rule?.DelayMs ?? 0, truncated, rule?.Line);
    }

    public static string DefaultReply(ChatRequest request) => request.ToolResultText is { } toolResult
        ? $"Simulated reply from {request.Model} using tool results: {Quote(toolResult)}"
        : $"Simulated reply from {request.Model} to: {Quote(request.LastUserText)}";

    private ScriptRule? FirstMatch(ChatRequest request)
    {
        for (var i = 0; i < _script.Rules.Count; i++)
        {
            var rule = _script.Rules[i];

            // A scripted tool call answers the user, not the tool results: repeating it would loop a function-calling client forever.
            if (rule.ToolCall is not null && request.ToolResultText is not null)
            {
                continue;
            }

            if (!rule.Match.IsMatch(request))
            {
                continue;
            }

            if (rule.Times is { } times && Interlocked.Increment(ref _uses[i]) > times)
            {
                continue;
            }

            return rule;
        }

        return null;
    }

    private FaultSpec? DrawFault(SimProvider provider)
    {
        if (_random is null || _faultRate is null)
        {
            return null;
        }

        double roll;
        int index;
        lock (_randomLock)
        {
            roll = _random.NextDouble();
            index = _random.Next(_faultRate.Kinds.Count);
        }

        if (roll >= _faultRate.Rate)
        {
            return null;
        }

        var kind = _faultRate.Kinds[index];
        return kind == FaultKind.ServerError
            ? new FaultSpec(kind, Status: provider == SimProvider.Anthropic ? 529 : 503)
            : new FaultSpec(kind);
    }

    private static string Quote(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= QuoteLength ? flat : flat[..QuoteLength] + "…";
    }

    private static string Truncate(string text, int maxTokens)
    {
        var maxChars = Math.Max(1, maxTokens * 4);
        if (text.Length <= maxChars)
        {
            return text;
        }

        var cut = text[..maxChars];
        var space = cut.LastIndexOf(' ');
        return space > 0 ? cut[..space] : cut;
    }

    private static ToolCallSpec DefaultToolCall(ToolDefinition tool)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonBody.WriterOptions))
        {
            writer.WriteStartObject();
            if (tool.Schema is { ValueKind: JsonValueKind.Object } schema
                && JsonText.Property(schema, "properties") is { ValueKind: JsonValueKind.Object } properties
                && JsonText.Property(schema, "required") is { ValueKind: JsonValueKind.Array } required)
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()).OfType<string>())
                {
                    if (properties.TryGetProperty(name, out var property))
                    {
                        writer.WritePropertyName(name);
                        WriteSample(writer, property);
                    }
                }
            }

            writer.WriteEndObject();
        }

        return new ToolCallSpec(tool.Name, Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteSample(Utf8JsonWriter writer, JsonElement property)
    {
        if (JsonText.Property(property, "enum") is { ValueKind: JsonValueKind.Array } values && values.GetArrayLength() > 0)
        {
            values[0].WriteTo(writer);
            return;
        }

        var type = JsonText.Property(property, "type") is { ValueKind: JsonValueKind.Array } types
            ? types.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
            : JsonText.String(property, "type");
        switch (type)
        {
            case "integer" or "number":
                writer.WriteNumberValue(1);
                break;
            case "boolean":
                writer.WriteBooleanValue(true);
                break;
            case "array":
                writer.WriteStartArray();
                writer.WriteEndArray();
                break;
            case "object":
                writer.WriteStartObject();
                writer.WriteEndObject();
                break;
            default:
                writer.WriteStringValue("simulated");
                break;
        }
    }
}
