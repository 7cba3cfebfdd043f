using System.Text.Json;

namespace Keel.Simulator;

/// <summary>Reads an OpenAI <c>/v1/chat/completions</c> request body.</summary>
internal static class OpenAIRequestReader
{
    public static ChatRequest Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidRequestException("The request body must be a JSON object.");
        }

        var model = JsonText.String(body, "model") ?? throw new InvalidRequestException("you must provide a model parameter");
        if (JsonText.Property(body, "messages") is not { ValueKind: JsonValueKind.Array } messages || messages.GetArrayLength() == 0)
        {
            throw new InvalidRequestException("'messages' must be a non-empty array.");
        }

        var lastUser = "";
        string? toolResult = null;
        var promptChars = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var role = JsonText.String(message, "role");
            var text = JsonText.Property(message, "content") is { } content ? JsonText.Of(content) : "";
            promptChars += text.Length + (JsonText.Property(message, "tool_calls")?.GetRawText().Length ?? 0);
            if (role == "user")
            {
                lastUser = text;
                toolResult = null;
            }
            else if (role == "tool")
            {
                toolResult = toolResult is null ? text : toolResult + "\n" + text;
            }
            else
            {
                toolResult = null;
            }
        }

        var tools = new List<ToolDefinition>();
        var toolChoiceNone = JsonText.String(body, "tool_choice") == "none";
        if (!toolChoiceNone && JsonText.Property(body, "tools") is { ValueKind: JsonValueKind.Array } toolArray)
        {
            foreach (var tool in toolArray.EnumerateArray())
            {
                if (JsonText.Property(tool, "function") is { } function && JsonText.String(function, "name") is { } name)
                {
                    tools.Add(new ToolDefinition(name, JsonText.Property(function, "parameters")?.Clone()));
                    promptChars += function.GetRawText().Length;
                }
            }
        }

        var forced = JsonText.Property(body, "tool_choice") is { ValueKind: JsonValueKind.Object } choice && JsonText.Property(choice, "function") is { } chosen
            ? JsonText.String(chosen, "name")
            : null;
        tools = ToolDefinition.ChosenFirst(tools, forced);
        var includeUsage = JsonText.Property(body, "stream_options") is { } options && JsonText.Bool(options, "include_usage");
        var maxTokens = JsonText.Int(body, "max_completion_tokens") ?? JsonText.Int(body, "max_tokens");
        return new ChatRequest(SimProvider.OpenAI, model, lastUser, toolResult, JsonText.Bool(body, "stream"), includeUsage, tools, maxTokens, TokenEstimator.Count(promptChars));
    }
}
