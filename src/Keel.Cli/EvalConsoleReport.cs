using System.Globalization;
using Spectre.Console;

namespace Keel.Cli;

/// <summary>The end-of-run summary in the terminal: targets, assertions, gates and what did not pass.</summary>
internal static class EvalConsoleReport
{
    private const int MaxListed = 15;

    public static void Print(IAnsiConsole console, EvalRunResult run)
    {
        var s = run.Summary;
        var targets = new Table().Border(TableBorder.Rounded).Title($"[bold]{KeelCli.Escape(run.Suite)}[/] run {run.RunId}")
            .AddColumn("target").AddColumn("pass rate").AddColumn("95% CI").AddColumn("passed").AddColumn("failed").AddColumn("errors");
        foreach (var rate in s.ByTarget.Append(s.Overall))
        {
            targets.AddRow(KeelCli.Escape(rate.Name), Pct(rate.PassRate), $"{Pct(rate.Low)}–{Pct(rate.High)}", N(rate.Passed), N(rate.Failed), N(rate.Errors));
        }

        console.Write(targets);
        var assertions = new Table().Border(TableBorder.Rounded).AddColumn("assertion").AddColumn("pass rate").AddColumn("passed").AddColumn("failed").AddColumn("errors");
        foreach (var rate in s.ByAssertion)
        {
            assertions.AddRow(KeelCli.Escape(rate.Name), Pct(rate.PassRate), N(rate.Passed), N(rate.Failed), N(rate.Errors));
        }

        console.Write(assertions);
        if (s.K > 1)
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"pass@1 {s.PassAt1:0.###}  pass@{s.K} {s.PassAtK:0.###}  pass^{s.K} {s.PassHatK:0.###}  flaky: {s.Flaky.Count}"));
            foreach (var flaky in s.Flaky.Take(MaxListed))
            {
                console.MarkupLine($"  [purple]flaky[/] {KeelCli.Escape(flaky)}");
            }
        }

        foreach (var trial in run.Trials.Where(t => t.Status != EvalStatus.Pass).Take(MaxListed))
        {
            console.MarkupLine($"{(trial.Status == EvalStatus.Fail ? "[red]FAIL[/]" : "[yellow]ERROR[/]")} {KeelCli.Escape(trial.Key)}{(s.K > 1 ? $" #{trial.Repeat + 1}" : "")}: {KeelCli.Escape(EvalRunStore.Reason(trial) ?? "")}");
        }

        foreach (var gate in run.Gates)
        {
            console.MarkupLine($"gate {KeelCli.Escape(gate.Gate)}: {(gate.Passed ? "[green]pass[/]" : "[red]FAIL[/]")} {KeelCli.Escape(gate.Detail)}");
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{(run.Outcome == EvalOutcome.Passed ? "[green]" : "[red]")}{KeelCli.Escape(char.ToUpperInvariant(run.Verdict[0]) + run.Verdict[1..])}[/]: {s.Overall.Passed} passed, {s.Overall.Failed} failed, {s.Overall.Errors} errors in {run.ElapsedMs / 1000:0.00} s; latency p50 {s.LatencyP50Ms:0.#} ms, p95 {s.LatencyP95Ms:0.#} ms; cost {KeelCli.Escape(s.CostText())}; {s.CachedCalls} cached."));
    }

    private static string Pct(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
