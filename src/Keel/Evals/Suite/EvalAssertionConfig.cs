using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>One assertion as written: <c>type</c> and its settings.</summary>
internal sealed record EvalAssertionConfig
{
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
}
