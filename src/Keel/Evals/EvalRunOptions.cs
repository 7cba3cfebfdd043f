namespace Keel;

/// <summary>How <see cref="EvalSuiteRunner"/> runs a suite; the defaults are those of <c>keel eval</c>.</summary>
public sealed record EvalRunOptions
{
    /// <summary>The model call cache (<c>--cache</c>): reuse cached responses by default.</summary>
    public EvalCacheMode Cache { get; init; } = EvalCacheMode.Read;

    /// <summary>The largest share of trials that may end in ERROR before the run cannot be judged
    /// (<see cref="EvalOutcome.RunFailed"/>), from 0 to 1 (<c>--max-error-rate</c>, default 0.1).</summary>
    public double MaxErrorRate { get; init; } = 0.1;

    /// <summary>Write this run's case outcomes to the suite's baseline file, unless the run failed
    /// (<c>--update-baseline</c>). The run is then not compared with the old baseline.</summary>
    public bool UpdateBaseline { get; init; }
}

/// <summary>What a run says, as <c>keel eval</c>'s exit code does.</summary>
public enum EvalOutcome
{
    /// <summary>Every gate passed (exit 0).</summary>
    Passed,

    /// <summary>A gate failed: a pass rate under its minimum or a significant drop against the baseline (exit 1).</summary>
    GateFailed,

    /// <summary>The run cannot be judged: more trials ended in ERROR than <see cref="EvalRunOptions.MaxErrorRate"/>
    /// allows (exit 2).</summary>
    RunFailed,
}
