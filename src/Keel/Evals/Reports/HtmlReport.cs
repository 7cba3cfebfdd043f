using System.Globalization;
using System.Net;
using System.Text;

namespace Keel;

/// <summary>The run as one self-contained HTML file: inline CSS and SVG charts (pass rate, latency, cost) and every
/// trial's details; no script, font or image is fetched, so it opens offline.</summary>
internal static class HtmlReport
{
    private const int ChartWidth = 560;
    private const int Buckets = 20;

    public static string Render(EvalRunResult run)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(run, writer);
        return writer.ToString();
    }

    /// <summary>Writes the report row by row, so a run of many thousand cases never sits in memory as one string.</summary>
    public static void Write(EvalRunResult run, TextWriter writer)
    {
        var s = run.Summary;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        html.Append(I($"<title>Eval {E(run.Suite)}: {E(run.Verdict)}</title>"));
        html.Append("<style>").Append(Css).Append("</style></head><body>");
        html.Append(I($"<h1>Eval <code>{E(run.Suite)}</code> <span class=\"badge {(run.Outcome == EvalOutcome.Passed ? "pass" : "fail")}\" id=\"verdict\">{E(run.Verdict)}</span></h1>"));
        if (run.Description is { } description)
        {
            html.Append(I($"<p>{E(description)}</p>"));
        }

        html.Append(I($"<p class=\"meta\">run <code>{E(run.RunId)}</code> · {run.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC · {run.ElapsedMs / 1000:0.00} s</p>"));
        html.Append("<div class=\"cards\">");
        Card(html, "pass rate", Pct(s.Overall.PassRate), I($"95% CI {Pct(s.Overall.Low)}–{Pct(s.Overall.High)}"));
        Card(html, "passed / failed / errors", I($"{s.Overall.Passed} / {s.Overall.Failed} / {s.Overall.Errors}"), I($"{run.Trials.Count} trials, error rate {Pct(s.ErrorRate)}"));
        Card(html, "latency", I($"{s.LatencyP50Ms:0.#} ms"), I($"p50; p95 {s.LatencyP95Ms:0.#} ms"));
        Card(html, "cost", s.CostText(), I($"{s.Tokens} tokens, {s.CachedCalls} cached"));
        if (s.K > 1)
        {
            Card(html, I($"pass@{s.K} / pass^{s.K}"), I($"{s.PassAtK:0.###} / {s.PassHatK:0.###}"), I($"pass@1 {s.PassAt1:0.###}, {s.Flaky.Count} flaky"));
        }

        html.Append("</div>");
        foreach (var warning in run.Warnings)
        {
            html.Append(I($"<p class=\"warning\">warning: {E(warning.Message)}</p>"));
        }

        if (run.Gates.Count > 0)
        {
            html.Append("<h2>Gates</h2><table><tr><th>gate</th><th>result</th><th>detail</th></tr>");
            foreach (var gate in run.Gates)
            {
                html.Append(I($"<tr><td>{E(gate.Gate)}</td><td><span class=\"badge {(gate.Passed ? "pass" : "fail")}\">{(gate.Passed ? "pass" : "fail")}</span></td><td>{E(gate.Detail)}</td></tr>"));
            }

            html.Append("</table>");
        }

        html.Append("<h2>Charts</h2><div class=\"charts\">");
        html.Append("<figure><figcaption>Pass rate by target (green pass, red fail, amber error; line: 95% CI)</figcaption>").Append(PassRateChart(s.ByTarget)).Append("</figure>");
        html.Append("<figure><figcaption>Latency of all trials (ms)</figcaption>").Append(LatencyChart(run.Trials)).Append("</figure>");
        html.Append("<figure><figcaption>Cost by target (USD)</figcaption>").Append(CostChart(run.Trials)).Append("</figure>");
        html.Append("</div>");

        html.Append("<h2>Assertions</h2><table><tr><th>assertion</th><th>pass rate</th><th>passed</th><th>failed</th><th>errors</th></tr>");
        foreach (var rate in s.ByAssertion)
        {
            html.Append(I($"<tr><td>{E(rate.Name)}</td><td>{Pct(rate.PassRate)}</td><td>{rate.Passed}</td><td>{rate.Failed}</td><td>{rate.Errors}</td></tr>"));
        }

        html.Append("</table><h2>Cases</h2><table id=\"cases\"><tr><th>status</th><th>case</th><th>target</th><th>#</th><th>score</th><th>latency</th><th>output and assertions</th></tr>");
        var flaky = s.Flaky.ToHashSet(StringComparer.Ordinal);
        foreach (var trial in run.Trials.OrderBy(t => t.Status == EvalStatus.Pass).ThenBy(t => t.CaseId, StringComparer.Ordinal))
        {
            var status = trial.Status.ToString().ToLowerInvariant();
            html.Append(I($"<tr class=\"case\"><td><span class=\"badge {status}\">{status.ToUpperInvariant()}</span>{(flaky.Contains(trial.Key) ? " <span class=\"badge flaky\">flaky</span>" : "")}</td>"));
            html.Append(I($"<td>{E(trial.CaseId)}</td><td>{E(trial.Target)}</td><td>{trial.Repeat + 1}</td><td>{trial.Score?.ToString("0.###", CultureInfo.InvariantCulture) ?? "–"}</td><td>{trial.LatencyMs:0.#} ms</td>"));
            html.Append(I($"<td><details><summary>{E(AssertionText.Clip(trial.Error ?? trial.Output ?? "", 100))}</summary>"));
            html.Append(I($"<p><b>input</b> {E(trial.Input)}</p><p><b>output</b> {E(trial.Output ?? "")}</p>"));
            if (trial.Expected is { } expected)
            {
                html.Append(I($"<p><b>expected</b> {E(expected)}</p>"));
            }

            if (trial.Error is { } error)
            {
                html.Append(I($"<p class=\"error\"><b>error</b> {E(error)}</p>"));
            }

            html.Append("<ul>");
            foreach (var a in trial.Assertions)
            {
                html.Append(I($"<li><span class=\"badge {a.Status.ToString().ToLowerInvariant()}\">{a.Status.ToString().ToUpperInvariant()}</span> <b>{E(a.Name)}</b> {E(a.Reason)}</li>"));
            }

            html.Append("</ul></details></td></tr>");
            writer.Write(html);
            html.Clear();
        }

        html.Append("</table></body></html>\n");
        writer.Write(html);
    }

    private static string PassRateChart(IReadOnlyList<EvalRate> rates)
    {
        const int row = 28, label = 150, width = ChartWidth - label - 50;
        var svg = new StringBuilder(I($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"chart-pass-rate\" width=\"{ChartWidth}\" height=\"{(rates.Count * row) + 10}\" role=\"img\">"));
        for (var i = 0; i < rates.Count; i++)
        {
            var r = rates[i];
            var total = Math.Max(1, r.Passed + r.Failed + r.Errors);
            var y = (i * row) + 5;
            double x = label;
            foreach (var (count, css) in new[] { (r.Passed, "pass"), (r.Failed, "fail"), (r.Errors, "error") })
            {
                var w = (double)count / total * width;
                svg.Append(I($"<rect class=\"{css}\" x=\"{x:0.#}\" y=\"{y}\" width=\"{w:0.#}\" height=\"18\"><title>{E(r.Name)}: {count} {css}</title></rect>"));
                x += w;
            }

            svg.Append(I($"<line class=\"ci\" x1=\"{label + (r.Low * width):0.#}\" x2=\"{label + (r.High * width):0.#}\" y1=\"{y + 9}\" y2=\"{y + 9}\"/>"));
            svg.Append(I($"<text x=\"{label - 6}\" y=\"{y + 14}\" text-anchor=\"end\">{E(AssertionText.Clip(r.Name, 22))}</text><text x=\"{label + width + 6}\" y=\"{y + 14}\">{Pct(r.PassRate)}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static string LatencyChart(IReadOnlyList<EvalTrialResult> trials)
    {
        const int height = 120, bottom = 20;
        var values = trials.Where(t => t.Error is null).Select(t => t.LatencyMs).ToList();
        var svg = new StringBuilder(I($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"chart-latency\" width=\"{ChartWidth}\" height=\"{height + bottom}\" role=\"img\">"));
        if (values.Count > 0)
        {
            var max = Math.Max(values.Max(), 0.001);
            var counts = new int[Buckets];
            foreach (var v in values)
            {
                counts[Math.Min(Buckets - 1, (int)(v / max * Buckets))]++;
            }

            var tallest = counts.Max();
            var w = (double)ChartWidth / Buckets;
            for (var i = 0; i < Buckets; i++)
            {
                var h = (double)counts[i] / tallest * height;
                svg.Append(I($"<rect class=\"bar\" x=\"{i * w:0.#}\" y=\"{height - h:0.#}\" width=\"{w - 2:0.#}\" height=\"{h:0.#}\"><title>{max * i / Buckets:0.#}–{max * (i + 1) / Buckets:0.#} ms: {counts[i]}</title></rect>"));
            }

            svg.Append(I($"<text x=\"0\" y=\"{height + 15}\">0 ms</text><text x=\"{ChartWidth}\" y=\"{height + 15}\" text-anchor=\"end\">{max:0.#} ms</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static string CostChart(IReadOnlyList<EvalTrialResult> trials)
    {
        const int row = 28, label = 150, width = ChartWidth - label - 90;
        var costs = trials.GroupBy(t => t.Target, StringComparer.Ordinal).Select(g => (Name: g.Key, Cost: g.Sum(t => t.CostUsd ?? 0))).ToList();
        var max = costs.Count == 0 ? 0 : costs.Max(c => c.Cost);
        var svg = new StringBuilder(I($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"chart-cost\" width=\"{ChartWidth}\" height=\"{(costs.Count * row) + 10}\" role=\"img\">"));
        for (var i = 0; i < costs.Count; i++)
        {
            var y = (i * row) + 5;
            var w = max == 0 ? 0 : (double)(costs[i].Cost / max) * width;
            svg.Append(I($"<rect class=\"bar\" x=\"{label}\" y=\"{y}\" width=\"{w:0.#}\" height=\"18\"/><text x=\"{label - 6}\" y=\"{y + 14}\" text-anchor=\"end\">{E(AssertionText.Clip(costs[i].Name, 22))}</text>"));
            svg.Append(I($"<text x=\"{label + w + 6:0.#}\" y=\"{y + 14}\">{(max == 0 ? "no cost reported" : $"${costs[i].Cost:0.####}")}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static void Card(StringBuilder html, string title, string value, string note) =>
        html.Append(I($"<div class=\"card\"><div class=\"title\">{E(title)}</div><div class=\"value\">{E(value)}</div><div class=\"note\">{E(note)}</div></div>"));

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Pct(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private const string Css = """
        body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1f2328;max-width:1200px}
        h1{font-size:22px}h2{font-size:17px;margin-top:28px}code{font-family:ui-monospace,monospace}
        .meta{color:#656d76}.cards{display:flex;flex-wrap:wrap;gap:12px}
        .card{border:1px solid #d0d7de;border-radius:8px;padding:10px 14px;min-width:160px}
        .card .title{color:#656d76;font-size:12px}.card .value{font-size:20px;font-weight:600}.card .note{color:#656d76;font-size:12px}
        table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
        .badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;color:#fff}
        .badge.pass{background:#1a7f37}.badge.fail{background:#cf222e}.badge.error{background:#bf8700}.badge.flaky{background:#8250df}
        .charts{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0}figcaption{color:#656d76;font-size:12px}
        svg text{font-size:11px;fill:#1f2328}rect.pass{fill:#1a7f37}rect.fail{fill:#cf222e}rect.error{fill:#bf8700}rect.bar{fill:#0969da}
        line.ci{stroke:#1f2328;stroke-width:2}.error{color:#9a6700}details summary{cursor:pointer}
        """;
}
