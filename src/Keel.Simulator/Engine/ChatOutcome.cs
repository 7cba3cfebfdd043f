namespace Keel.Simulator;

/// <summary>What the simulator will answer to one chat request.</summary>
/// <param name="Text">The reply text (empty when the answer is a tool call).</param>
/// <param name="ToolCall">The tool call to make, if any.</param>
/// <param name="Fault">The fault to inject, if any.</param>
/// <param name="DelayMs">Latency before answering.</param>
/// <param name="Truncated">The text was cut at the output limit: finish reason length / max_tokens.</param>
internal sealed record ChatOutcome(string Text, ToolCallSpec? ToolCall, FaultSpec? Fault, int DelayMs, bool Truncated)
{
    public int OutputTokens => ToolCall is null
        ? Math.Max(1, TokenEstimator.Count(Text))
        : TokenEstimator.Count(ToolCall.Name.Length + ToolCall.ArgumentsJson.Length);
}
