namespace Keel;

/// <summary>How one case ended on one target in one repeat.</summary>
internal sealed record EvalTrialResult
{
    public required string Target { get; init; }

    public required string CaseId { get; init; }

    public int Repeat { get; init; }

    public required AssertionStatus Status { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string Input { get; init; } = "";

    public string? Output { get; init; }

    public string? Expected { get; init; }

    /// <summary>Why the target call failed, when it did.</summary>
    public string? Error { get; init; }

    public IReadOnlyList<EvalAssertionOutcome> Assertions { get; init; } = [];

    /// <summary>The weighted mean of the assertion scores (1 for a pass, 0 for a fail where an assertion has no score).</summary>
    public double? Score { get; init; }

    public double LatencyMs { get; init; }

    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public decimal? CostUsd { get; init; }

    public bool Cached { get; init; }

    /// <summary>The key that pairs this case across runs and baselines: <c>target/case</c>.</summary>
    public string Key => Target + "/" + CaseId;
}

/// <summary>One assertion's result on one trial.</summary>
internal sealed record EvalAssertionOutcome(string Name, AssertionStatus Status, string Reason, double? Score, double Weight, bool JudgeParseFailed = false);
