using System.Text.Json;

namespace Keel.Simulator;

/// <summary>A tool the client offered the model.</summary>
/// <param name="Name">The tool name.</param>
/// <param name="Schema">Its JSON schema for arguments, if given.</param>
internal sealed record ToolDefinition(string Name, JsonElement? Schema)
{
    /// <summary>Puts the tool the client forced with <c>tool_choice</c> first, since the default is to call the first tool.</summary>
    public static List<ToolDefinition> ChosenFirst(List<ToolDefinition> tools, string? chosen) =>
        chosen is null ? tools : [.. tools.Where(t => t.Name == chosen), .. tools.Where(t => t.Name != chosen)];
}
