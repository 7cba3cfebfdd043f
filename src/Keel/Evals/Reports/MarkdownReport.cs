using System.Globalization;
using System.Text;

namespace Keel;

/// <summary>The run as GitHub-flavoured Markdown: fits a pull-request comment or <c>$GITHUB_STEP_SUMMARY</c>.</summary>
internal static class MarkdownReport
{
    private const int MaxListed = 20;

    public static string Render(EvalRunResult run)
    {
        var s = run.Summary;
        var md = new StringBuilder();
        var verdict = (run.Outcome == EvalOutcome.Passed ? "✅ " : "❌ ") + run.Verdict;
        md.AppendLine(Invariant($"## Eval `{run.Suite}`: {verdict}"));
        md.AppendLine();
        if (run.Description is { } description)
        {
            md.AppendLine(description.Trim()).AppendLine();
        }

        md.AppendLine(Invariant($"**{s.Overall.Passed} passed, {s.Overall.Failed} failed, {s.Overall.Errors} errors** of {run.Trials.Count} trials · pass rate {Pct(s.Overall.PassRate)} (95% CI {Pct(s.Overall.Low)}–{Pct(s.Overall.High)}) · error rate {Pct(s.ErrorRate)} · {run.ElapsedMs / 1000:0.0} s · run `{run.RunId}`"));
        md.AppendLine();
        foreach (var warning in run.Warnings)
        {
            md.AppendLine($"> ⚠️ {warning.Message.Replace("\n", " ", StringComparison.Ordinal)}").AppendLine();
        }

        if (s.K > 1)
        {
            md.AppendLine(Invariant($"pass@1 {s.PassAt1:0.###} · pass@{s.K} {s.PassAtK:0.###} · pass^{s.K} {s.PassHatK:0.###} · {s.Flaky.Count} flaky")).AppendLine();
        }

        if (run.Gates.Count > 0)
        {
            md.AppendLine("| gate | result | detail |").AppendLine("|---|---|---|");
            foreach (var gate in run.Gates)
            {
                md.AppendLine(Invariant($"| {Cell(gate.Gate)} | {(gate.Passed ? "✅ pass" : "❌ fail")} | {Cell(gate.Detail)} |"));
            }

            md.AppendLine();
        }

        md.AppendLine("| target | pass rate | 95% CI | passed | failed | errors |").AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var rate in s.ByTarget)
        {
            md.AppendLine(Invariant($"| {Cell(rate.Name)} | {Pct(rate.PassRate)} | {Pct(rate.Low)}–{Pct(rate.High)} | {rate.Passed} | {rate.Failed} | {rate.Errors} |"));
        }

        md.AppendLine().AppendLine("| assertion | pass rate | passed | failed | errors |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var rate in s.ByAssertion)
        {
            md.AppendLine(Invariant($"| {Cell(rate.Name)} | {Pct(rate.PassRate)} | {rate.Passed} | {rate.Failed} | {rate.Errors} |"));
        }

        var problems = run.Trials.Where(t => t.Status != EvalStatus.Pass).ToList();
        if (problems.Count > 0)
        {
            md.AppendLine().AppendLine(Invariant($"<details><summary>{problems.Count} case(s) not passing</summary>")).AppendLine();
            md.AppendLine("| case | target | status | why |").AppendLine("|---|---|---|---|");
            foreach (var trial in problems.Take(MaxListed))
            {
                md.AppendLine(Invariant($"| {Cell(trial.CaseId)} | {Cell(trial.Target)} | {trial.Status.ToString().ToUpperInvariant()} | {Cell(EvalRunStore.Reason(trial) ?? "")} |"));
            }

            if (problems.Count > MaxListed)
            {
                md.AppendLine(Invariant($"\n…and {problems.Count - MaxListed} more (see the HTML or JSON report)."));
            }

            md.AppendLine().AppendLine("</details>");
        }

        if (run.Baseline is { RegressedCases.Count: > 0 } baseline)
        {
            md.AppendLine().AppendLine(Invariant($"Regressed against the baseline: {string.Join(", ", baseline.RegressedCases.Take(MaxListed).Select(c => $"`{c}`"))}"));
        }

        return md.ToString();
    }

    private static string Pct(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);

    private static string Cell(string text) => AssertionText.Clip(text, 160).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
