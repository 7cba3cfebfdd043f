namespace Keel.Simulator;

/// <summary>One scripted rule: when <see cref="Match"/> holds, answer with the reply, tool call or fault.</summary>
/// <param name="Match">The conditions.</param>
/// <param name="Reply">The text to answer with, or null for the default reply.</param>
/// <param name="ToolCall">A tool call to make instead of text.</param>
/// <param name="Fault">A fault to inject.</param>
/// <param name="Times">Apply to the first N matching requests only, then fall through; null means always.</param>
/// <param name="DelayMs">Latency before answering.</param>
/// <param name="Line">The rule's line in the script, for messages.</param>
internal sealed record ScriptRule(RuleMatch Match, string? Reply, ToolCallSpec? ToolCall, FaultSpec? Fault, int? Times, int DelayMs, int Line);
