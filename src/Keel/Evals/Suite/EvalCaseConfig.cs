namespace Keel;

/// <summary>One case: variables, the expected answer, tags and its own assertions.</summary>
internal sealed record EvalCaseConfig
{
    public string? Id { get; init; }

    /// <summary>The question (ask suites) or the user input; defaults to the var <c>question</c> or <c>input</c>.</summary>
    public string? Input { get; init; }

    public IReadOnlyDictionary<string, string> Vars { get; init; } = new Dictionary<string, string>();

    public string? Expected { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Documents that should be retrieved and cited (ask suites).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Whether the answerer should decline (ask suites); null when not stated.</summary>
    public bool? Abstain { get; init; }

    public IReadOnlyList<EvalAssertionConfig> Assert { get; init; } = [];
}
