namespace Keel;

/// <summary>One case of a loaded suite, with its assertions built.</summary>
internal sealed record EvalCase
{
    public required string Id { get; init; }

    public required string Input { get; init; }

    /// <summary>Where the case is written: <c>FILE:LINE</c>, or the suite's <c>cases[i]</c> when the line is unknown.</summary>
    public string? Location { get; init; }

    public IReadOnlyDictionary<string, string> Vars { get; init; } = new Dictionary<string, string>();

    public string? Expected { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> Sources { get; init; } = [];

    public bool? Abstain { get; init; }

    /// <summary>The case's own assertions followed by the suite's.</summary>
    public IReadOnlyList<IEvalAssertion> Assertions { get; init; } = [];
}
