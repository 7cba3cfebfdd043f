namespace Keel;

/// <summary>A finished eval run: every trial, the summary, the gates and the baseline comparison.</summary>
public sealed record EvalRunResult
{
    /// <summary>The run's id in the store (<c>keel eval history</c>, <c>keel eval compare</c>).</summary>
    public required string RunId { get; init; }

    /// <summary>The suite file as it was named, relative to the working directory.</summary>
    public required string Suite { get; init; }

    /// <summary>The suite's <c>description</c>.</summary>
    public string? Description { get; init; }

    /// <summary>When the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>How long the run took, in milliseconds.</summary>
    public double ElapsedMs { get; init; }

    /// <summary>Every trial: each case on each target in each repeat.</summary>
    public required IReadOnlyList<EvalTrialResult> Trials { get; init; }

    /// <summary>Counts, pass rates with their intervals, pass@k, flaky cases and breakdowns.</summary>
    public required EvalSummary Summary { get; init; }

    /// <summary>Each gate of the suite and whether the run met it.</summary>
    public IReadOnlyList<EvalGateResult> Gates { get; init; } = [];

    /// <summary>The run against the suite's baseline file, when it names one.</summary>
    public EvalBaselineComparison? Baseline { get; init; }

    /// <summary>What looked wrong in the suite but did not stop it, such as a case variable nothing reads; each is
    /// printed by <c>keel eval</c> and listed at the top of the Markdown report.</summary>
    public IReadOnlyList<EvalSuiteWarning> Warnings { get; init; } = [];

    /// <summary>True when every gate passed. The gates do not look at the error rate; <see cref="Outcome"/> does.</summary>
    public bool GatesPassed => Gates.All(g => g.Passed);

    /// <summary>What the run says: passed, a gate failed, or too many errors to judge it.</summary>
    public required EvalOutcome Outcome { get; init; }

    /// <summary>The outcome in the words of the reports.</summary>
    internal string Verdict => Outcome switch
    {
        EvalOutcome.Passed => "gates passed",
        EvalOutcome.GateFailed => "gates failed",
        _ => "run failed: too many errors to judge",
    };

    /// <summary>The run as a JUnit XML report (one test case per trial), as <c>--junit</c> writes it.</summary>
    public string ToJUnitXml() => JUnitReport.Render(this);

    /// <summary>The run as Markdown for a pull-request comment or a CI job summary, as <c>--markdown</c> writes it.</summary>
    public string ToMarkdown() => MarkdownReport.Render(this);

    /// <summary>Writes the run as one self-contained HTML page with per-case details and charts, as <c>--html</c> does.</summary>
    /// <param name="writer">Where the page goes.</param>
    public void WriteHtml(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        HtmlReport.Write(this, writer);
    }
}
