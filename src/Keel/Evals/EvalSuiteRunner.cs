using Microsoft.Extensions.DependencyInjection;

namespace Keel;

/// <summary>Runs eval suite files from code, exactly as <c>keel eval</c> does: the suite is loaded and checked, every
/// case runs on every target, the gates and the baseline decide, and the run is stored for <c>keel eval history</c>.
/// Resolve it from a service provider built with <see cref="KeelServiceCollectionExtensions.AddKeel"/>.</summary>
/// <example>
/// <code>
/// var run = await services.GetRequiredService&lt;EvalSuiteRunner&gt;().RunAsync("evals/ask.suite.yaml");
/// Assert.True(run.Outcome == EvalOutcome.Passed, run.ToMarkdown());
/// </code>
/// </example>
public sealed class EvalSuiteRunner
{
    private readonly IServiceProvider _services;
    private readonly string _workingDirectory;

    internal EvalSuiteRunner(IServiceProvider services, string workingDirectory)
    {
        _services = services;
        _workingDirectory = workingDirectory;
    }

    /// <summary>Loads the suite at <paramref name="suitePath"/> (relative to the working directory) and runs it.</summary>
    /// <param name="suitePath">The suite file (<c>*.suite.yaml</c>).</param>
    /// <param name="options">Cache mode, error limit and baseline update; the defaults are <c>keel eval</c>'s.</param>
    /// <param name="progress">Told of each trial as it ends, from any thread.</param>
    /// <param name="cancellationToken">Stops the run; nothing is stored then.</param>
    /// <returns>The run. <see cref="EvalRunResult.Outcome"/> is what <c>keel eval</c>'s exit code would say.</returns>
    /// <exception cref="KeelConfigurationException">The suite, a dataset, a prompt or keel.yaml is malformed, or a
    /// baseline update was asked for a suite that names no baseline file; the message names the file and line. No call
    /// is made then.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="EvalRunOptions.MaxErrorRate"/> is not from 0 to 1.</exception>
    public Task<EvalRunResult> RunAsync(string suitePath, EvalRunOptions? options = null, IProgress<EvalTrialResult>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(suitePath);
        options ??= new EvalRunOptions();
        return RunAsync(Load(suitePath, options), options, progress is null ? null : progress.Report, cancellationToken);
    }

    /// <summary>Loads and checks a suite before any call is made (the CLI shows its size before running it).</summary>
    internal EvalSuite Load(string suitePath, EvalRunOptions options)
    {
        if (options.MaxErrorRate is < 0 or > 1 || double.IsNaN(options.MaxErrorRate))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxErrorRate, "MaxErrorRate must be from 0 to 1.");
        }

        var suite = EvalSuiteBuilder.Load(suitePath, _workingDirectory, _services, options.Cache);
        if (options.UpdateBaseline && suite.BaselinePath is null)
        {
            throw new KeelConfigurationException($"{suite.Name} names no baseline file; add baseline: FILE.json to the suite.");
        }

        return suite;
    }

    internal async Task<EvalRunResult> RunAsync(EvalSuite suite, EvalRunOptions options, Action<EvalTrialResult>? trialCompleted, CancellationToken cancellationToken)
    {
        var baseline = options.UpdateBaseline || suite.BaselinePath is null ? null : EvalBaselineFile.Read(suite.BaselinePath);
        var runner = new EvalRunner(_services.GetRequiredService<TimeProvider>()) { TrialCompleted = trialCompleted, MaxErrorRate = options.MaxErrorRate };
        var run = await runner.RunAsync(suite, baseline, cancellationToken).ConfigureAwait(false);

        new EvalRunStore(_services.GetRequiredService<SqliteDatabase>()).Save(run);
        if (options.UpdateBaseline && run.Outcome != EvalOutcome.RunFailed)
        {
            EvalBaselineFile.Write(suite.BaselinePath!, suite.Name, EvalSummarizer.CaseOutcomes(run.Trials));
        }

        return run;
    }
}
