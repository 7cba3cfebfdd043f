using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Keel.Tests.Evals;

public sealed partial class HtmlReportTests
{
    [Fact]
    public async Task Render_OpenedInHeadlessChromium_ShowsVerdictChartsAndEveryCase()
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
        if (chromium is null)
        {
            Assert.Skip("chromium is not installed (apt-get install chromium; .ci/run installs it), so the HTML report was not rendered.");
        }

        using var directory = new TempDirectory();
        var path = directory.File("report.html", HtmlReport.Render(await SampleRunAsync()));

        var dom = await DumpDomAsync(chromium, path);

        Assert.Contains("run failed: too many errors to judge</span>", dom, StringComparison.Ordinal); // 1 of 3 trials is an ERROR
        Assert.Contains("id=\"chart-pass-rate\"", dom, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-latency\"", dom, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-cost\"", dom, StringComparison.Ordinal);
        Assert.Equal(3, CaseRow().Count(dom));
        Assert.Contains("the provider answered 503", dom, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;not bold&lt;/b&gt;", dom, StringComparison.Ordinal); // output is escaped, not markup
    }

    [Fact]
    public async Task Render_IsSelfContained_NoExternalResources()
    {
        var html = HtmlReport.Render(await SampleRunAsync());

        Assert.DoesNotMatch(@"(src|href)\s*=", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
    }

    private static async Task<EvalRunResult> SampleRunAsync()
    {
        var context = new AssertionContext(Path.GetTempPath(), () => throw new InvalidOperationException(), () => throw new InvalidOperationException());
        var target = new FakeTarget("model-a", (c, _) => c.Id switch
        {
            "down" => throw new ModelCallException(ModelErrorKind.ServerError, "the provider answered 503"),
            "bad" => "<b>not bold</b>",
            _ => "ok",
        });
        var cases = new[] { "good", "bad", "down" }.Select(id => new EvalCase
        {
            Id = id,
            Input = "q " + id,
            Assertions = [AssertionFactory.Create(new EvalAssertionConfig { Type = "equals", Value = "ok" }, context, "t")],
        }).ToList();
        var suite = new EvalSuite { Name = "suite.yaml", Targets = [target], Cases = cases, Gates = new EvalGatesConfig { MinPassRate = 0.9 } };
        return await new EvalRunner(TimeProvider.System).RunAsync(suite, baseline: null);
    }

    private static async Task<string> DumpDomAsync(string chromium, string path)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--dump-dom", new Uri(path).AbsoluteUri },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return await output;
    }

    [GeneratedRegex("<tr class=\"case\">")]
    private static partial Regex CaseRow();
}
