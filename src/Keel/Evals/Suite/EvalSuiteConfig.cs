using System.ComponentModel.DataAnnotations;

namespace Keel;

/// <summary>An eval suite file (<c>*.suite.yaml</c>) as written, bound strictly by <see cref="YamlBinder"/>.</summary>
internal sealed record EvalSuiteConfig
{
    public string? Description { get; init; }

    public IReadOnlyList<EvalTargetConfig> Targets { get; init; } = [];

    /// <summary>A JSONL, CSV or YAML file of cases, relative to the suite file.</summary>
    public string? Dataset { get; init; }

    public IReadOnlyList<EvalCaseConfig> Cases { get; init; } = [];

    /// <summary>Assertions applied to every case.</summary>
    public IReadOnlyList<EvalAssertionConfig> Assert { get; init; } = [];

    [Range(1, 1000)]
    public int Repeat { get; init; } = 1;

    [Range(1, 1024)]
    public int Concurrency { get; init; } = 8;

    public EvalGatesConfig Gates { get; init; } = new();

    /// <summary>The directory of the prompt files its targets name (<c>prompt: NAME@label</c>), relative to the suite
    /// file; null: <c>prompts.path</c> from keel.yaml.</summary>
    public string? Prompts { get; init; }

    /// <summary>The baseline file (JSON), relative to the suite file.</summary>
    public string? Baseline { get; init; }

    /// <summary>The model (a name under <c>models:</c> in keel.yaml) that grades the model-graded assertions.</summary>
    public string? Judge { get; init; }

    /// <summary>Whether what is otherwise a warning (a case variable nothing in the suite reads) fails the suite.</summary>
    public bool Strict { get; init; }

    /// <summary>The embedding model for <c>similarity</c>; <c>local</c> (the default) is the bundled all-MiniLM-L6-v2.</summary>
    public string? Embedder { get; init; }
}
