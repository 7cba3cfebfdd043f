using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Keel.Cli;

/// <summary><c>keel eval SUITE.yaml</c>, <c>keel eval history</c>, <c>keel eval compare A B</c>: run an eval suite as a
/// CI gate, and look back at stored runs. Exit codes: 0 gates passed, 1 a gate failed, 2 the run failed (bad suite,
/// errors over <c>--max-error-rate</c>).</summary>
internal static class EvalCommand
{
    public const int GateFailed = 1;
    public const int RunFailed = 2;

    public static Command Create(CliEnvironment environment)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables", Recursive = true };
        var suite = new Argument<string?>("suite") { Description = "The suite file (*.suite.yaml)", Arity = ArgumentArity.ZeroOrOne };
        var junit = new Option<string?>("--junit") { HelpName = "FILE", Description = "Write a JUnit XML report to FILE" };
        var markdown = new Option<string?>("--markdown") { HelpName = "FILE", Description = "Write a Markdown report to FILE (PR comment, $GITHUB_STEP_SUMMARY)" };
        var html = new Option<string?>("--html") { HelpName = "FILE", Description = "Write a self-contained HTML report to FILE" };
        var cache = new Option<EvalCacheMode>("--cache") { HelpName = "read|write|off", Description = "Model call cache: read (reuse, store new), write (always call, store), off", DefaultValueFactory = _ => EvalCacheMode.Read };
        var maxErrorRate = new Option<double>("--max-error-rate") { HelpName = "RATE", Description = "Fail the run (exit 2) when more than this share of trials are errors", DefaultValueFactory = _ => 0.1 };
        maxErrorRate.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 1)
            {
                r.AddError("--max-error-rate must be from 0 to 1.");
            }
        });
        var updateBaseline = new Option<bool>("--update-baseline") { Description = "Write this run's case outcomes to the suite's baseline file" };
        var command = new Command("eval", "Run an eval suite: assertions, statistics and gates; reports; every run stored")
        {
            json, suite, junit, markdown, html, cache, maxErrorRate, updateBaseline, History(environment), Compare(environment),
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (parseResult.GetValue(suite) is not { } suitePath)
            {
                await environment.Error.WriteLineAsync("error: name a suite file, e.g. keel eval samples/evals/ask.suite.yaml (or keel eval history | compare A B).");
                return RunFailed;
            }

            // Exit 1 means "a gate failed" here, so anything that stops the run itself is exit 2.
            try
            {
                return await RunSuiteAsync();
            }
            catch (Exception ex) when (KeelCli.IsUserError(ex))
            {
                await environment.Error.WriteLineAsync($"error: {ex.Message}");
                return RunFailed;
            }

            async Task<int> RunSuiteAsync()
            {
                var asJson = parseResult.GetValue(json);
                using var services = KeelCli.CreateServices(parseResult, environment);
                var evals = services.GetRequiredService<EvalSuiteRunner>();
                var options = new EvalRunOptions
                {
                    Cache = parseResult.GetValue(cache),
                    MaxErrorRate = parseResult.GetValue(maxErrorRate),
                    UpdateBaseline = parseResult.GetValue(updateBaseline),
                };
                var loaded = evals.Load(suitePath, options);
                foreach (var warning in loaded.Warnings)
                {
                    await environment.Error.WriteLineAsync($"warning: {warning.Message}");
                }

                var progress = new EvalProgress(environment, loaded, quiet: asJson);
                var run = await progress.RunAsync(() => evals.RunAsync(loaded, options, progress.Report, cancellationToken));
                WriteReports(parseResult.GetValue(junit), parseResult.GetValue(markdown), parseResult.GetValue(html), run, environment.WorkingDirectory);

                if (asJson)
                {
                    CliJson.Write(environment.Out, run);
                }
                else
                {
                    EvalConsoleReport.Print(environment.Console, run);
                }

                if (run.Outcome == EvalOutcome.RunFailed)
                {
                    await environment.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"error: {run.Summary.Overall.Errors} of {run.Trials.Count} trials ended in ERROR ({run.Summary.ErrorRate:0.0%}, more than --max-error-rate {options.MaxErrorRate:0.0%}); the run cannot be judged. First error: {run.Trials.Select(EvalRunStore.Reason).FirstOrDefault(r => r is not null)}"));
                    return RunFailed;
                }

                if (options.UpdateBaseline)
                {
                    environment.Console.MarkupLine($"Baseline written: {KeelCli.Escape(loaded.BaselinePath!)}");
                }

                return run.Outcome == EvalOutcome.Passed ? ExitCodes.Success : GateFailed;
            }
        });
        return command;
    }

    private static void WriteReports(string? junit, string? markdown, string? html, EvalRunResult run, string workingDirectory)
    {
        foreach (var (path, write) in new (string?, Action<EvalRunResult, TextWriter>)[]
        {
            (junit, (r, w) => w.Write(r.ToJUnitXml())),
            (markdown, (r, w) => w.Write(r.ToMarkdown())),
            (html, (r, w) => r.WriteHtml(w)),
        })
        {
            if (path is not null)
            {
                var full = Path.GetFullPath(path, workingDirectory);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                using var writer = new StreamWriter(full);
                write(run, writer);
            }
        }
    }

    private static Command History(CliEnvironment environment)
    {
        var limit = new Option<int>("--limit", "-n") { Description = "How many runs (default 20)", DefaultValueFactory = _ => 20 };
        var suite = new Option<string?>("--suite") { Description = "Only runs of this suite file (as it was named)" };
        var command = new Command("history", "Stored eval runs, newest first") { limit, suite };
        command.SetAction(parseResult =>
        {
            using var services = KeelCli.CreateServices(parseResult, environment);
            var runs = new EvalRunStore(services.GetRequiredService<SqliteDatabase>()).List(Math.Max(1, parseResult.GetValue(limit)), parseResult.GetValue(suite));
            if (parseResult.GetValue<bool>("--json"))
            {
                CliJson.Write(environment.Out, new { Runs = runs });
                return ExitCodes.Success;
            }

            if (runs.Count == 0)
            {
                environment.Console.MarkupLine("No eval runs yet: keel eval SUITE.yaml stores every run.");
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("run").AddColumn("started (UTC)").AddColumn("suite").AddColumn("pass rate")
                .AddColumn("passed").AddColumn("failed").AddColumn("errors").AddColumn("outcome").AddColumn("seconds");
            foreach (var run in runs)
            {
                table.AddRow(
                    run.Id,
                    run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    KeelCli.Escape(run.Suite),
                    run.PassRate.ToString("P1", CultureInfo.InvariantCulture),
                    run.Passed.ToString(CultureInfo.InvariantCulture),
                    run.Failed.ToString(CultureInfo.InvariantCulture),
                    run.Errors.ToString(CultureInfo.InvariantCulture),
                    run.Outcome switch { "passed" => "[green]passed[/]", "gate_failed" => "[red]gate failed[/]", _ => "[yellow]run failed[/]" },
                    (run.ElapsedMs / 1000).ToString("0.0", CultureInfo.InvariantCulture));
            }

            environment.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Compare(CliEnvironment environment)
    {
        var a = new Argument<string>("run-a") { Description = "The earlier run id (or a unique prefix)" };
        var b = new Argument<string>("run-b") { Description = "The later run id (or a unique prefix)" };
        var command = new Command("compare", "What changed between two stored runs, case by case") { a, b };
        command.SetAction(async parseResult =>
        {
            using var services = KeelCli.CreateServices(parseResult, environment);
            var store = new EvalRunStore(services.GetRequiredService<SqliteDatabase>());
            var first = store.Load(parseResult.GetValue(a)!);
            var second = store.Load(parseResult.GetValue(b)!);
            if (first is null || second is null)
            {
                await environment.Error.WriteLineAsync($"error: no run with id '{(first is null ? parseResult.GetValue(a) : parseResult.GetValue(b))}' (or the prefix matches several); see keel eval history.");
                return ExitCodes.Error;
            }

            var changes = EvalRunComparison.Changes(first.Value.Trials, second.Value.Trials);
            if (parseResult.GetValue<bool>("--json"))
            {
                CliJson.Write(environment.Out, new { RunA = first.Value.RunId, RunB = second.Value.RunId, Changes = changes });
                return ExitCodes.Success;
            }

            environment.Console.MarkupLine($"[bold]{first.Value.RunId}[/] → [bold]{second.Value.RunId}[/]: {changes.Count} case(s) changed");
            if (changes.Count > 0)
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumn("case").AddColumn("before").AddColumn("after").AddColumn("why");
                foreach (var change in changes)
                {
                    table.AddRow(KeelCli.Escape(change.Case), Colour(change.Before), Colour(change.After), KeelCli.Escape(change.Reason ?? ""));
                }

                environment.Console.Write(table);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    internal static string Colour(string? status) => status switch
    {
        "pass" => "[green]pass[/]",
        "fail" => "[red]fail[/]",
        "error" => "[yellow]error[/]",
        _ => "[grey]absent[/]",
    };
}
