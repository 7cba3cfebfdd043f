using System.CommandLine;
using System.CommandLine.Parsing;
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
        var cache = new Option<EvalCacheMode?>("--cache") { HelpName = "read|write|off", Description = "Model call cache: read (reuse, store new; the default), write (always call, store), off" };
        var maxErrorRate = new Option<double>("--max-error-rate") { HelpName = "RATE", Description = "Fail the run (exit 2) when more than this share of trials are errors", DefaultValueFactory = _ => 0.1 }.InRange(0.0, 1.0);
        foreach (var report in new[] { junit, markdown, html })
        {
            report.Validators.Add(result => CheckReportPath(result, report.Name, environment.WorkingDirectory));
        }

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
                    Cache = parseResult.GetValue(cache) ?? EvalCacheMode.Read,
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
                if (asJson)
                {
                    CliJson.Write(environment.Out, run);
                }
                else
                {
                    EvalConsoleReport.Print(environment.Console, run);
                }

                // After the results are shown: a report that cannot be written must not cost the run that was paid for.
                if (WriteReports(parseResult.GetValue(junit), parseResult.GetValue(markdown), parseResult.GetValue(html), run, environment.WorkingDirectory) is { } failed)
                {
                    await environment.Error.WriteLineAsync($"error: {failed} (the run itself is stored: keel eval history)");
                    return RunFailed;
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

    /// <summary>Refuses a report path that cannot name a file before the suite runs: an empty one (an unset
    /// <c>$GITHUB_STEP_SUMMARY</c>) or a directory.</summary>
    private static void CheckReportPath(OptionResult result, string option, string workingDirectory)
    {
        if (result.Tokens.Count == 0)
        {
            return;
        }

        var path = result.Tokens[^1].Value;
        if (string.IsNullOrWhiteSpace(path))
        {
            result.AddError($"{option}: the file name is empty (an unset variable such as $GITHUB_STEP_SUMMARY?); name a file, e.g. {option} out/report");
        }
        else if (Directory.Exists(Path.GetFullPath(path, workingDirectory)))
        {
            result.AddError($"{option} {path}: that is a directory; name a file in it, e.g. {Path.Combine(path, "report")}");
        }
    }

    /// <summary>Writes the reports asked for; the first that fails is named with its option and the reason, and the rest are still written.</summary>
    private static string? WriteReports(string? junit, string? markdown, string? html, EvalRunResult run, string workingDirectory)
    {
        string? failed = null;
        foreach (var (option, path, render) in new (string, string?, Func<EvalRunResult, string>)[]
        {
            ("--junit", junit, r => r.ToJUnitXml()),
            ("--markdown", markdown, r => r.ToMarkdown()),
            ("--html", html, r =>
            {
                using var text = new StringWriter();
                r.WriteHtml(text);
                return text.ToString();
            }),
        })
        {
            if (path is null)
            {
                continue;
            }

            // Rendered before the file is opened, so a report that cannot be rendered leaves no empty file behind.
            try
            {
                var report = render(run);
                var full = Path.GetFullPath(path, workingDirectory);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, report);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Xml.XmlException)
            {
                failed ??= $"{option} {path}: could not write the report: {ex.Message}";
            }
        }

        return failed;
    }

    private static Command History(CliEnvironment environment)
    {
        var limit = new Option<int>("--limit", "-n") { Description = "How many runs (default 20)", DefaultValueFactory = _ => 20 }.InRange(1);
        var suite = new Option<string?>("--suite") { Description = "Only runs of this suite file" };
        var command = new Command("history", "Stored eval runs, newest first") { limit, suite };
        command.SetAction(parseResult =>
        {
            using var services = KeelCli.CreateServices(parseResult, environment);
            var runs = new EvalRunStore(services.GetRequiredService<SqliteDatabase>()).List(parseResult.GetValue(limit), parseResult.GetValue(suite) is { } only ? EvalSuiteBuilder.NameOf(only, environment.WorkingDirectory) : null);
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
                await environment.Error.WriteLineAsync($"error: no run has an id that is or starts with '{(first is null ? parseResult.GetValue(a) : parseResult.GetValue(b))}'; see keel eval history.");
                return ExitCodes.Error;
            }

            if (first.Value.Suite != second.Value.Suite)
            {
                await environment.Error.WriteLineAsync($"warning: the runs are of different suites ({first.Value.Suite}, {second.Value.Suite}); cases are matched by target and case id.");
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
