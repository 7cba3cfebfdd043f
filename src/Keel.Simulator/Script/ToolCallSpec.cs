namespace Keel.Simulator;

/// <summary>A tool call the simulated model makes.</summary>
/// <param name="Name">The tool (function) name.</param>
/// <param name="ArgumentsJson">The arguments as a JSON object text.</param>
internal sealed record ToolCallSpec(string Name, string ArgumentsJson);
