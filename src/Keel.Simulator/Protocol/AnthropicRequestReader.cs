using System.Text.Json;

namespace Keel.Simulator;

/// <summary>Reads an Anthropic <c>/v1/messages</c> request body.</summary>
internal static class AnthropicRequestReader
{
    public static ChatRequest Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidRequestException("The request body must be a JSON object.");
        }

        var model = JsonText.String(body, "model") ?? throw new InvalidRequestException("model: Field required");
        var maxTokens = JsonText.Int(body, "max_tokens") ?? throw new InvalidRequestException("max_tokens: Field required");
        if (JsonText.Property(body, "messages") is not { ValueKind: JsonValueKind.Array } messages || messages.GetArrayLength() == 0)
        {
            throw new InvalidRequestException("messages: at least one message is required");
        }

        var promptChars = JsonText.Property(body, "system") is { } system ? JsonText.Of(system).Length : 0;
        var lastUser = "";
        string? toolResult = null;
        foreach (var message in messages.EnumerateArray())
        {
            var content = JsonText.Property(message, "content");
            var text = content is { } value ? JsonText.Of(value) : "";
            promptChars += text.Length;
            if (JsonText.String(message, "role") != "user")
            {
                toolResult = null;
                continue;
            }

            if (content is { ValueKind: JsonValueKind.Array } blocks && blocks.EnumerateArray().Any(b => JsonText.String(b, "type") == "tool_result"))
            {
                toolResult = text;
            }
            else
            {
                lastUser = text;
                toolResult = null;
            }
        }

        var tools = new List<ToolDefinition>();
        var toolChoiceNone = JsonText.Property(body, "tool_choice") is { } choice && JsonText.String(choice, "type") == "none";
        if (!toolChoiceNone && JsonText.Property(body, "tools") is { ValueKind: JsonValueKind.Array } toolArray)
        {
            foreach (var tool in toolArray.EnumerateArray())
            {
                if (JsonText.String(tool, "name") is { } name)
                {
                    tools.Add(new ToolDefinition(name, JsonText.Property(tool, "input_schema")?.Clone()));
                    promptChars += tool.GetRawText().Length;
                }
            }
        }

        var forced = JsonText.Property(body, "tool_choice") is { } toolChoice && JsonText.String(toolChoice, "type") == "tool" ? JsonText.String(toolChoice, "name") : null;
        tools = ToolDefinition.ChosenFirst(tools, forced);
        return new ChatRequest(SimProvider.Anthropic, model, lastUser, toolResult, JsonText.Bool(body, "stream"), IncludeUsage: true, tools, maxTokens, TokenEstimator.Count(promptChars));
    }
}
