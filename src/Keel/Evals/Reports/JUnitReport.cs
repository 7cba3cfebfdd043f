using System.Globalization;
using System.Xml.Linq;

namespace Keel;

/// <summary>The run as JUnit XML: one test suite per target, one test case per case and repeat; FAIL is a
/// <c>failure</c>, ERROR an <c>error</c>, as CI systems expect.</summary>
internal static class JUnitReport
{
    public static string Render(EvalRunResult run)
    {
        var suites = new XElement("testsuites",
            new XAttribute("name", run.Suite),
            new XAttribute("tests", run.Trials.Count),
            new XAttribute("failures", run.Summary.Overall.Failed),
            new XAttribute("errors", run.Summary.Overall.Errors),
            new XAttribute("time", Seconds(run.ElapsedMs)));
        foreach (var group in run.Trials.GroupBy(t => t.Target, StringComparer.Ordinal))
        {
            var suite = new XElement("testsuite",
                new XAttribute("name", group.Key),
                new XAttribute("tests", group.Count()),
                new XAttribute("failures", group.Count(t => t.Status == EvalStatus.Fail)),
                new XAttribute("errors", group.Count(t => t.Status == EvalStatus.Error)),
                new XAttribute("time", Seconds(group.Sum(t => t.LatencyMs))));
            foreach (var trial in group)
            {
                var name = run.Summary.K > 1 ? $"{trial.CaseId} #{trial.Repeat + 1}" : trial.CaseId;
                var testCase = new XElement("testcase", new XAttribute("classname", $"{run.Suite}.{group.Key}"), new XAttribute("name", XmlText(name)), new XAttribute("time", Seconds(trial.LatencyMs)));
                var reason = XmlText(EvalRunStore.Reason(trial) ?? "");
                if (trial.Status == EvalStatus.Fail)
                {
                    testCase.Add(new XElement("failure", new XAttribute("message", reason), Details(trial)));
                }
                else if (trial.Status == EvalStatus.Error)
                {
                    testCase.Add(new XElement("error", new XAttribute("message", reason), Details(trial)));
                }

                suite.Add(testCase);
            }

            suites.Add(suite);
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites).ToString();
    }

    private static string Details(EvalTrialResult trial) =>
        XmlText(string.Join('\n', trial.Assertions.Select(a => $"{a.Status.ToString().ToUpperInvariant()} {a.Name}: {a.Reason}").Prepend($"output: {trial.Output}")));

    /// <summary>The text with characters XML 1.0 cannot hold (terminal colour codes, other control characters, lone
    /// surrogates, all possible in a model's output) written as <c>\uXXXX</c>, so the report can still be written.</summary>
    private static string XmlText(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (System.Xml.XmlConvert.IsXmlChar(c))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        return builder.ToString();
    }

    private static string Seconds(double ms) => (ms / 1000).ToString("0.###", CultureInfo.InvariantCulture);
}
