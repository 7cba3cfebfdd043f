using System.Globalization;
using Spectre.Console;

namespace Keel.Cli;

/// <summary>Live progress of an eval run: a Spectre progress bar with pass/fail/error counts on an interactive
/// terminal; otherwise a plain line per trial that did not pass and one per tenth of the run.</summary>
internal sealed class EvalProgress(CliEnvironment environment, EvalSuite suite, bool quiet)
{
    private readonly int _total = suite.TrialCount;
    private readonly Lock _lock = new();
    private int _done;
    private int _passed;
    private int _failed;
    private int _errors;
    private ProgressTask? _task;

    public async Task<EvalRunResult> RunAsync(Func<Task<EvalRunResult>> run)
    {
        if (quiet || !environment.Console.Profile.Capabilities.Interactive)
        {
            if (!quiet)
            {
                environment.Console.MarkupLine($"Running {KeelCli.Escape(suite.Name)}: {_total} trials ({suite.Cases.Count} cases × {suite.Targets.Count} targets × {suite.Repeat} repeats), concurrency {suite.Concurrency}");
            }

            return await run();
        }

        return await environment.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                _task = context.AddTask(Description(), maxValue: _total);
                return await run();
            });
    }

    public void Report(EvalTrialResult trial)
    {
        string? line = null;
        lock (_lock)
        {
            _done++;
            _ = trial.Status switch
            {
                EvalStatus.Pass => _passed++,
                EvalStatus.Fail => _failed++,
                _ => _errors++,
            };

            if (_task is not null)
            {
                _task.Increment(1);
                _task.Description = Description();
            }
            else if (!quiet && trial.Status != EvalStatus.Pass)
            {
                line = $"{(trial.Status == EvalStatus.Fail ? "FAIL" : "ERROR")} {trial.Key}{(suite.Repeat > 1 ? $" #{trial.Repeat + 1}" : "")}: {EvalRunStore.Reason(trial)}";
            }
            else if (!quiet && _total >= 20 && _done % Math.Max(1, _total / 10) == 0)
            {
                line = string.Create(CultureInfo.InvariantCulture, $"[{_done}/{_total}] {_passed} passed, {_failed} failed, {_errors} errors");
            }

            if (line is not null)
            {
                environment.Console.WriteLine(line);
            }
        }
    }

    private string Description() => string.Create(CultureInfo.InvariantCulture, $"[green]{_passed} pass[/] [red]{_failed} fail[/] [yellow]{_errors} error[/]");
}
