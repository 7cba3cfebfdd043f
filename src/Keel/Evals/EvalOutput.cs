using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>What an assertion sees of one case: its input, the output under test, and how the call went.</summary>
internal sealed record EvalOutput
{
    /// <summary>The case's id in its dataset (or its index), for reports.</summary>
    public required string CaseId { get; init; }

    /// <summary>The question or rendered user message sent to the system under test.</summary>
    public required string Input { get; init; }

    /// <summary>The text the system under test produced.</summary>
    public required string Output { get; init; }

    /// <summary>The case's reference answer, when the dataset gives one.</summary>
    public string? Expected { get; init; }

    /// <summary>The case's variables (dataset columns) as strings.</summary>
    public IReadOnlyDictionary<string, string> Vars { get; init; } = new Dictionary<string, string>();

    /// <summary>Retrieved passages the answer was grounded on (RAG suites; empty otherwise).</summary>
    public IReadOnlyList<string> Contexts { get; init; } = [];

    /// <summary>The full model response, when the system under test was a model call (tool calls, usage, finish reason).</summary>
    public ChatResponse? Response { get; init; }

    public TimeSpan Latency { get; init; }

    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public decimal? CostUsd { get; init; }
}
