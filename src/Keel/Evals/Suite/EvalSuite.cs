namespace Keel;

/// <summary>A loaded, validated eval suite: targets, cases with their assertions, repeats, gates.</summary>
internal sealed record EvalSuite
{
    /// <summary>The suite file as it is named in messages and reports.</summary>
    public required string Name { get; init; }

    public string? Description { get; init; }

    public required IReadOnlyList<IEvalTarget> Targets { get; init; }

    public required IReadOnlyList<EvalCase> Cases { get; init; }

    public int Repeat { get; init; } = 1;

    /// <summary>Every case on every target, <see cref="Repeat"/> times.</summary>
    public int TrialCount => Targets.Count * Cases.Count * Repeat;

    public int Concurrency { get; init; } = 8;

    public EvalGatesConfig Gates { get; init; } = new();

    /// <summary>The baseline file's full path, when the suite names one.</summary>
    public string? BaselinePath { get; init; }

    /// <summary>What looked wrong but did not stop the suite: case variables nothing reads.</summary>
    public IReadOnlyList<EvalSuiteWarning> Warnings { get; init; } = [];
}
