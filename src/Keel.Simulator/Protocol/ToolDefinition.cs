using System.Text.Json;

namespace Keel.Simulator;

/// <summary>A tool the client offered the model.</summary>
/// <param name="Name">The tool name.</param>
/// <param name="Schema">Its JSON schema for arguments, if given.</param>
internal sealed record ToolDefinition(string Name, JsonElement? Schema);
