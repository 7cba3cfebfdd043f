namespace Keel;

/// <summary>One case: variables, the expected answer, tags and its own assertions.</summary>
internal sealed record EvalCaseConfig
{
    private string? _location;

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

    /// <summary>Where the case is written, <c>FILE:LINE</c>, for messages; set by the loaders. It has no setter, so
    /// <see cref="YamlBinder"/> does not take it for a key of the file.</summary>
    public string? Location => _location;

    /// <summary>This case, located at <paramref name="location"/>.</summary>
    public EvalCaseConfig At(string location)
    {
        var located = this with { };
        located._location = location;
        return located;
    }
}
