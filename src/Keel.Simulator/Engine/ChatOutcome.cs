namespace Keel.Simulator;

/// <summary>What the simulator will answer to one chat request.</summary>
/// <param name="Text">The reply text (empty when the answer is a tool call).</param>
/// <param name="ToolCall">The tool call to make, if any.</param>
/// <param name="Fault">The fault to inject, if any.</param>
/// <param name="DelayMs">Latency before answering.</param>
/// <param name="Truncated">The text was cut at the output limit: finish reason length / max_tokens.</param>
/// <param name="RuleLine">The script line of the rule that decided, or null for the default.</param>
internal sealed record ChatOutcome(string Text, ToolCallSpec? ToolCall, FaultSpec? Fault, int DelayMs, bool Truncated, int? RuleLine = null)
{
    /// <summary>Returns a one-line account of the decision, for the log: which rule, what answer, which fault; never the text.</summary>
    public override string ToString()
    {
        var source = RuleLine is { } line ? $"rule at line {line}" : "default";
        var answer = ToolCall is { } call ? $"tool call {call.Name}" : Truncated ? "reply (truncated)" : "reply";
        return Fault is { } fault ? $"{source}: fault {fault.Kind.ScriptName()}, {answer}" : $"{source}: {answer}";
    }

    public int OutputTokens => ToolCall is null
        ? Math.Max(1, TokenEstimator.Count(Text))
        : TokenEstimator.Count(ToolCall.Name.Length + ToolCall.ArgumentsJson.Length);
}
