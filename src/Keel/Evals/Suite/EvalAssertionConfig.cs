using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>One assertion as written: <c>type</c> and its settings.</summary>
internal sealed record EvalAssertionConfig
{
    private string? _location;

    [Required]
    public required string Type { get; init; }

    /// <summary>A name for reports and gates; defaults to the type.</summary>
    public string? Name { get; init; }

    public string? Value { get; init; }

    /// <summary>A list value (<c>value:</c> written as a list).</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    public double? Threshold { get; init; }

    [Range(0.0, 1000.0)]
    public double Weight { get; init; } = 1;

    /// <summary>A suite-level assertion with tags applies only to the cases that carry one of them.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Rank cutoff for retrieval metrics (default 5) or the n of ROUGE-N / BLEU (default 1 / 4).</summary>
    [Range(1, 1000)]
    public int? K { get; init; }

    /// <summary>Whether a tool trajectory must be called in order (default true).</summary>
    public bool Ordered { get; init; } = true;

    /// <summary>Assertion-specific settings the model-graded assertions read (rubric text, criteria, …).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the assertion's type is written, <c>FILE:LINE:COLUMN</c>, for messages; set for assertions of a
    /// suite file. It has no setter, so <see cref="YamlBinder"/> does not take it for a key of the file.</summary>
    public string? Location => _location;

    /// <summary>This assertion, located at <paramref name="location"/>.</summary>
    public EvalAssertionConfig At(string location)
    {
        var located = this with { };
        located._location = location;
        return located;
    }
}
