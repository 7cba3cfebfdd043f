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

    /// <summary>The target that produced the output (<c>ask</c> or a model name), for reports.</summary>
    public string? Target { get; init; }

    /// <summary>Which repetition of the case this is, from 0.</summary>
    public int Repeat { get; init; }

    /// <summary>Tools the model was offered, for tool-call validity (model suites; empty otherwise).</summary>
    public IReadOnlyList<AIFunctionDeclaration> Tools { get; init; } = [];

    /// <summary>The documents retrieved for the question, best first, without repeats (ask suites; empty otherwise).</summary>
    public IReadOnlyList<string> RetrievedSources { get; init; } = [];

    /// <summary>The answer's citations by their <c>[n]</c> number (ask suites; empty otherwise).</summary>
    public IReadOnlyDictionary<int, string> Citations { get; init; } = new Dictionary<int, string>();

    /// <summary>Whether the system under test declined to answer (ask suites; null when it cannot say).</summary>
    public bool? Abstained { get; init; }

    /// <summary>The documents the case expects to be retrieved and cited.</summary>
    public IReadOnlyList<string> ExpectedSources { get; init; } = [];

    /// <summary>Whether the case expects the answerer to decline; null when the case does not say.</summary>
    public bool? ExpectAbstain { get; init; }

    /// <summary>True when the response came from the eval cache instead of a call.</summary>
    public bool Cached { get; init; }
}
