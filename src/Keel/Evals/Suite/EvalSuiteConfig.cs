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

    /// <summary>The baseline file (JSON), relative to the suite file.</summary>
    public string? Baseline { get; init; }

    /// <summary>The model (a name under <c>models:</c> in keel.yaml) that grades the model-graded assertions.</summary>
    public string? Judge { get; init; }

    /// <summary>The embedding model for <c>similarity</c>; <c>local</c> (the default) is the bundled all-MiniLM-L6-v2.</summary>
    public string? Embedder { get; init; }
}

/// <summary>What a suite tests: Keel's grounded answerer, or a prompt sent to models.</summary>
internal sealed record EvalTargetConfig
{
    /// <summary>A name for reports; defaults to <c>ask</c> or the model name.</summary>
    public string? Name { get; init; }

    public EvalAskConfig? Ask { get; init; }

    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>Inline messages with <c>{{var}}</c> placeholders (<c>prompt:</c> as a list).</summary>
    public IReadOnlyList<EvalMessageConfig> Prompt { get; init; } = [];

    /// <summary>A prompt file reference <c>NAME@label</c> or <c>NAME@version</c> (<c>prompt:</c> as a scalar).</summary>
    public string? PromptRef { get; init; }

    public IReadOnlyList<EvalToolConfig> Tools { get; init; } = [];

    public double? Temperature { get; init; }

    public int? MaxTokens { get; init; }
}

/// <summary>The <c>ask</c> target: documents to index and how many passages to draw from.</summary>
internal sealed record EvalAskConfig
{
    /// <summary>Files or folders ingested before the run, relative to the suite file.</summary>
    public IReadOnlyList<string> Docs { get; init; } = [];

    [Range(1, 100)]
    public int? TopK { get; init; }
}

internal sealed record EvalMessageConfig
{
    [Required]
    public required string Role { get; init; }

    [Required]
    public required string Content { get; init; }
}

/// <summary>A tool offered to the model: its name, description and JSON Schema of its arguments (as JSON text).</summary>
internal sealed record EvalToolConfig
{
    [Required]
    public required string Name { get; init; }

    public string? Description { get; init; }

    public string? Parameters { get; init; }
}

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

/// <summary>When a run passes: minimum pass rates and the largest allowed drop against the baseline.</summary>
internal sealed record EvalGatesConfig
{
    [Range(0.0, 1.0)]
    public double? MinPassRate { get; init; }

    /// <summary>Minimum pass rate per assertion name.</summary>
    public IReadOnlyDictionary<string, double> Assertions { get; init; } = new Dictionary<string, double>();

    /// <summary>Minimum pass rate per case tag.</summary>
    public IReadOnlyDictionary<string, double> Tags { get; init; } = new Dictionary<string, double>();

    /// <summary>Largest allowed drop of the pass rate against the baseline, in [0, 1]; only a significant drop fails.</summary>
    [Range(0.0, 1.0)]
    public double? MaxDrop { get; init; }

    /// <summary>The p-value below which a drop counts as significant (McNemar's exact test).</summary>
    [Range(0.0, 1.0)]
    public double Significance { get; init; } = 0.05;
}
