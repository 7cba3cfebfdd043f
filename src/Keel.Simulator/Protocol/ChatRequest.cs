namespace Keel.Simulator;

/// <summary>A chat request reduced to what the simulator decides on, whatever the wire protocol.</summary>
/// <param name="Provider">The protocol it came in on.</param>
/// <param name="Model">The requested model.</param>
/// <param name="LastUserText">The text of the last user message (what rules match against).</param>
/// <param name="ToolResultText">The tool result text when the conversation's last turn returns tool results, else null.</param>
/// <param name="Stream">Whether the client asked for SSE.</param>
/// <param name="IncludeUsage">OpenAI <c>stream_options.include_usage</c>.</param>
/// <param name="Tools">The tools offered, unless the client set tool choice to none.</param>
/// <param name="MaxTokens">The output token limit, if any.</param>
/// <param name="PromptTokens">Estimated input tokens.</param>
internal sealed record ChatRequest(
    SimProvider Provider,
    string Model,
    string LastUserText,
    string? ToolResultText,
    bool Stream,
    bool IncludeUsage,
    IReadOnlyList<ToolDefinition> Tools,
    int? MaxTokens,
    int PromptTokens);
