namespace Keel;

/// <summary>How one case ended on one target in one repeat.</summary>
public sealed record EvalTrialResult
{
    /// <summary>The target: <c>ask</c>, a model, or <c>NAME:model</c> for a named target.</summary>
    public required string Target { get; init; }

    /// <summary>The case's id in its dataset (or its index).</summary>
    public required string CaseId { get; init; }

    /// <summary>Which repetition of the case this was, from 0.</summary>
    public int Repeat { get; init; }

    /// <summary>PASS, FAIL or ERROR.</summary>
    public required EvalStatus Status { get; init; }

    /// <summary>The case's tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The question or rendered user message sent.</summary>
    public string Input { get; init; } = "";

    /// <summary>What the target answered; null when the call failed.</summary>
    public string? Output { get; init; }

    /// <summary>The case's reference answer, when it has one.</summary>
    public string? Expected { get; init; }

    /// <summary>Why the target call failed, when it did.</summary>
    public string? Error { get; init; }

    /// <summary>Each assertion's result, in the order they are written.</summary>
    public IReadOnlyList<EvalAssertionOutcome> Assertions { get; init; } = [];

    /// <summary>The weighted mean of the assertion scores (1 for a pass, 0 for a fail where an assertion has no score).</summary>
    public double? Score { get; init; }

    /// <summary>How long the call under test took, in milliseconds.</summary>
    public double LatencyMs { get; init; }

    /// <summary>Input tokens of the call, when the provider reported them.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Output tokens of the call, when the provider reported them.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>The call's cost in US dollars, when its price is known.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>True when the response came from the eval cache.</summary>
    public bool Cached { get; init; }

    /// <summary>The key that pairs this case across runs and baselines: <c>target/case</c>.</summary>
    public string Key => Target + "/" + CaseId;
}

/// <summary>One assertion's result on one trial.</summary>
/// <param name="Name">The assertion's name (its type unless the suite names it).</param>
/// <param name="Status">PASS, FAIL or ERROR.</param>
/// <param name="Reason">Why, in one line: expected vs received, the judge's reason, or the error.</param>
/// <param name="Score">A graded score from 0 to 1, where the assertion has one.</param>
/// <param name="Weight">Its weight in the trial's score; 0 means it informs but does not decide.</param>
/// <param name="JudgeParseFailed">True when a model judge answered but its verdict did not parse.</param>
/// <param name="Judged">True when the assertion is model-graded (whatever its name).</param>
public sealed record EvalAssertionOutcome(string Name, EvalStatus Status, string Reason, double? Score, double Weight, bool JudgeParseFailed = false, bool Judged = false);
