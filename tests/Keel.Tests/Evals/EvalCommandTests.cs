using System.Text.Json.Nodes;
using System.Text.Json;
using Keel.Cli;
using Spectre.Console.Testing;
using Keel.Simulator;
using Keel.Tests.Cli;

namespace Keel.Tests.Evals;

public sealed class EvalCommandTests
{
    private const string RulesOk = "rules:\n  - match: { contains: ticket }\n    reply: ok\n";

    [Fact]
    public async Task Eval_AskSample_RunsOfflineAndPassesItsGates()
    {
        using var directory = new TempDirectory();

        var run = await CliRunner.RunAsync(directory.Path, "eval", RepositoryPaths.Combine("samples", "evals", "ask.suite.yaml"), "--json");

        Assert.True(run.ExitCode == 0, run.Error + run.Console);
        using var json = JsonDocument.Parse(run.Out);
        var trials = json.RootElement.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(23, trials.Count);
        Assert.All(trials, t => Assert.NotEqual("error", t.GetProperty("status").GetString()));
        var abstained = trials.Where(t => t.GetProperty("tags").EnumerateArray().Any(tag => tag.GetString() == "unanswerable")).ToList();
        Assert.Equal(4, abstained.Count);
        Assert.All(abstained, t => Assert.Equal("pass", t.GetProperty("status").GetString()));
        var refund = trials.Single(t => t.GetProperty("case_id").GetString() == "how-many-days-do-i-have-to-request-a-ful");
        Assert.Equal("pass", refund.GetProperty("status").GetString());
        Assert.Contains("full refund within 30 days", refund.GetProperty("output").GetString(), StringComparison.Ordinal);
        Assert.True(json.RootElement.GetProperty("gates_passed").GetBoolean());
        Assert.Equal(23, json.RootElement.GetProperty("baseline").GetProperty("paired").GetInt32());
    }

    [Fact]
    public async Task Eval_InteractiveTerminal_ShowsAProgressBarThenTheTables()
    {
        using var directory = new TempDirectory();
        var console = new TestConsole().Width(160).Interactive().EmitAnsiSequences();
        var error = new StringWriter();

        var exitCode = await KeelCli.RunAsync(["eval", RepositoryPaths.Combine("samples", "evals", "ask.suite.yaml")], new CliEnvironment(console, new StringWriter(), error, directory.Path));

        Assert.True(exitCode == 0, error.ToString());
        Assert.Contains("100%", console.Output, StringComparison.Ordinal);
        Assert.Contains("citations-valid", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[1/23]", console.Output, StringComparison.Ordinal); // no plain progress lines on a terminal
    }

    [Fact]
    public void AskSample_AsksEveryQuestionOfTheDocsQuestionList()
    {
        var questions = File.ReadLines(RepositoryPaths.Combine("samples", "docs-src", "questions.yaml"))
            .Where(l => l.StartsWith("- question:", StringComparison.Ordinal))
            .Select(l => l["- question:".Length..].Trim().Trim('"'))
            .ToList();
        var suite = EvalSuiteLoader.Parse(File.ReadAllText(RepositoryPaths.Combine("samples", "evals", "ask.suite.yaml")), "ask.suite.yaml");

        Assert.Equal(questions, suite.Cases.Select(c => c.Input));
    }

    [Fact]
    public async Task Eval_TriageSample_AgainstTheSimulator_ComparesModelsCachesAndWritesReports()
    {
        using var directory = CopyTriageSample();
        var evals = Evals(directory); // as after cd samples/evals: keel.yaml found here, the suite names its prompts
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptPath = Path.Combine(evals, "triage.sim.yaml") });
        PointAtSimulator(directory, sim);

        var first = await CliRunner.RunAsync(evals, "eval", "triage.suite.yaml", "--json", "--junit", "out/r.xml", "--markdown", "out/r.md", "--html", "out/r.html");
        var callsAfterFirst = sim.Stats.TotalRequests;
        var second = await CliRunner.RunAsync(evals, "eval", "triage.suite.yaml", "--json");
        var callsAfterSecond = sim.Stats.TotalRequests;
        var third = await CliRunner.RunAsync(evals, "eval", "triage.suite.yaml", "--json", "--cache", "off");

        Assert.True(first.ExitCode == 0, first.Error + first.Out);
        Assert.Equal("", first.Error);
        using var json = JsonDocument.Parse(first.Out);
        var summary = json.RootElement.GetProperty("summary");
        var byTarget = summary.GetProperty("by_target").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("pass_rate").GetDouble());
        Assert.Equal(0.8, byTarget["triage-small"], 9);
        Assert.Equal(1.0, byTarget["triage-large"], 9);
        // 20 target calls (5 cases × 2 models × 2 repeats) and 16 judge calls (the rubric grades the 4 category cases).
        Assert.Equal(20 + 16, callsAfterFirst);
        Assert.Equal(16, callsAfterSecond - callsAfterFirst); // every target call served from the eval cache; the judge grades again
        Assert.Equal(20, JsonDocument.Parse(second.Out).RootElement.GetProperty("summary").GetProperty("cached_calls").GetInt32());
        Assert.Equal(36 + 16 + 36, sim.Stats.TotalRequests);
        var crash = json.RootElement.GetProperty("trials").EnumerateArray().First(t => t.GetProperty("case_id").GetString() == "crash");
        Assert.StartsWith("Customer tier: standard", crash.GetProperty("input").GetString(), StringComparison.Ordinal); // rendered from samples/prompts/support-triage.prompt.md
        var rubric = summary.GetProperty("by_assertion").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "rubric");
        Assert.Equal((14, 2), (rubric.GetProperty("passed").GetInt32(), rubric.GetProperty("failed").GetInt32())); // the small model's "bug" for the double charge
        Assert.Equal(0, JsonDocument.Parse(third.Out).RootElement.GetProperty("summary").GetProperty("cached_calls").GetInt32());

        var junit = System.Xml.Linq.XDocument.Load(Path.Combine(evals, "out", "r.xml"));
        Assert.Equal("2", junit.Root!.Attribute("failures")!.Value);
        Assert.Equal("20", junit.Root.Attribute("tests")!.Value);
        var markdown = File.ReadAllText(Path.Combine(evals, "out", "r.md"));
        Assert.Contains("| triage-small | 80.0% |", markdown, StringComparison.Ordinal);
        Assert.Contains("double-charge", markdown, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(evals, "out", "r.html"));
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_TriageSample_FromTheRepositoryRootWithConfig_FindsItsPromptsRelativeToTheSuite()
    {
        using var directory = CopyTriageSample();
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptPath = Path.Combine(Evals(directory), "triage.sim.yaml") });
        PointAtSimulator(directory, sim);

        var run = await CliRunner.RunAsync(directory.Path, "eval", "samples/evals/triage.suite.yaml", "--config", "samples/evals/keel.yaml", "--json");

        Assert.True(run.ExitCode == 0, run.Error + run.Out);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("samples/evals/triage.suite.yaml", json.RootElement.GetProperty("suite").GetString());
        var crash = json.RootElement.GetProperty("trials").EnumerateArray().First(t => t.GetProperty("case_id").GetString() == "crash");
        Assert.StartsWith("Customer tier: standard", crash.GetProperty("input").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory.Path, ".keel", "keel.db"))); // keel.yaml's paths (the store) still start at the working directory
    }

    [Fact]
    public async Task Eval_SuitePromptsDirectoryMissing_Exit2NamingTheDirectoryAsResolved()
    {
        await using var simulated = await SimulatedDirectory.StartAsync(RulesOk, ModelsYaml);
        var (directory, sim) = (simulated.Directory, simulated.Simulator);
        directory.File("prompts/triage.prompt.md", "# user\n{{ ticket }}\n"); // keel.yaml's default prompts directory: not the suite's
        directory.File("suites/s.yaml", "prompts: ../my-prompts\ntargets:\n  - models: [m]\n    prompt: triage\nassert: [{ type: equals, value: ok }]\ncases:\n  - { id: c1, vars: { ticket: a } }\n");

        var run = await CliRunner.RunAsync(directory.Path, "eval", "suites/s.yaml");

        Assert.Equal(EvalCommand.RunFailed, run.ExitCode);
        Assert.Equal("error: suites/s.yaml: targets[0]: prompt: 'triage': no prompt named 'triage' in my-prompts (the directory does not exist); add a triage.prompt.md file there.", run.Error.Trim());
    }

    [Fact]
    public async Task Eval_ProviderReturns503_TrialsAreErrors_AndTheRunFailsWithExit2()
    {
        await using var simulated = await SuiteAsync("rules:\n  - match: { contains: ticket }\n    fault: { kind: server_error, status: 503 }\n", cases: 3);
        var (directory, sim) = (simulated.Directory, simulated.Simulator);

        var run = await CliRunner.RunAsync(directory.Path, "eval", "s.yaml", "--json");

        Assert.Equal(EvalCommand.RunFailed, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.All(json.RootElement.GetProperty("trials").EnumerateArray(), t => Assert.Equal("error", t.GetProperty("status").GetString()));
        Assert.Equal(0, json.RootElement.GetProperty("summary").GetProperty("overall").GetProperty("failed").GetInt32());
        Assert.Contains("3 of 3 trials ended in ERROR", run.Error, StringComparison.Ordinal);
        Assert.Contains("503", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_PromptFileCaseVariableNothingReads_WarnsOnStderrInJsonAndMarkdown_StrictExit2()
    {
        await using var simulated = await SimulatedDirectory.StartAsync(RulesOk, ModelsYaml);
        var (directory, sim) = (simulated.Directory, simulated.Simulator);
        directory.File("prompts/triage.prompt.md", "---\ninputs:\n  ticket: string\n  tier: { type: string, default: standard }\n---\n# user\n{{ tier }} ticket: {{ ticket }}\n");
        const string Suite = "targets:\n  - models: [m]\n    prompt: triage\nassert: [{ type: equals, value: ok }]\ncases:\n  - { id: c1, vars: { ticket: a, teir: plus } }\n  - { id: c2, vars: { ticket: b, teir: plus } }\n";
        directory.File("s.yaml", Suite);

        var run = await CliRunner.RunAsync(directory.Path, "eval", "s.yaml", "--json", "--markdown", "r.md");
        var human = await CliRunner.RunAsync(directory.Path, "eval", "s.yaml");
        directory.File("strict.yaml", "strict: true\n" + Suite);
        var strict = await CliRunner.RunAsync(directory.Path, "eval", "strict.yaml");

        const string Expected = "s.yaml:6: case 'c1': variable 'teir' is not an input of triage (inputs: ticket, tier) and nothing else in the suite reads it; did you mean 'tier'? (1 more case has it)";
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal($"warning: {Expected}", run.Error.Trim());
        var warning = Assert.Single(JsonDocument.Parse(run.Out).RootElement.GetProperty("warnings").EnumerateArray());
        Assert.Equal(("teir", "tier", 2, Expected), (warning.GetProperty("variable").GetString(), warning.GetProperty("suggestion").GetString(), warning.GetProperty("cases").GetInt32(), warning.GetProperty("message").GetString()));
        Assert.Contains($"> ⚠️ {Expected}", await File.ReadAllTextAsync(Path.Combine(directory.Path, "r.md")), StringComparison.Ordinal);
        Assert.Equal(0, human.ExitCode);
        Assert.Equal($"warning: {Expected}", human.Error.Trim());
        Assert.Equal(EvalCommand.RunFailed, strict.ExitCode);
        Assert.StartsWith("error: strict.yaml:7: case 'c1': variable 'teir'", strict.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_MalformedSuite_Exit2WithFileLineAndExpectation()
    {
        using var directory = new TempDirectory();
        directory.File("s.yaml", "cases:\n  - id: a\n    input: q\nrepeat: twice\n");

        var run = await CliRunner.RunAsync(directory.Path, "eval", "s.yaml");

        Assert.Equal(EvalCommand.RunFailed, run.ExitCode);
        Assert.Equal("error: s.yaml:4:9: repeat: expected a whole number, got 'twice'", run.Error.Trim());
    }

    [Fact]
    public async Task Eval_UnknownPromptRoleOrModel_Exit2NamingIt()
    {
        await using var simulated = await SimulatedDirectory.StartAsync(RulesOk, ModelsYaml);
        var (directory, sim) = (simulated.Directory, simulated.Simulator);
        directory.File("role.yaml", Suite(cases: 1).Replace("role: user", "role: robot", StringComparison.Ordinal));
        directory.File("model.yaml", Suite(cases: 1).Replace("models: [m]", "models: [gpt-9]", StringComparison.Ordinal));

        var role = await CliRunner.RunAsync(directory.Path, "eval", "role.yaml");
        var model = await CliRunner.RunAsync(directory.Path, "eval", "model.yaml");

        Assert.Equal((EvalCommand.RunFailed, "error: role.yaml: targets[0]: prompt: role 'robot'; expected system, user or assistant."), (role.ExitCode, role.Error.Trim()));
        Assert.Equal(EvalCommand.RunFailed, model.ExitCode);
        Assert.Contains("unknown model 'gpt-9'; configured: m", model.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_JudgeAssertionWithoutJudge_Exit2WithFileAndLine()
    {
        using var directory = new TempDirectory();
        directory.File("s.yaml", "targets: [{ask: {docs: []}}]\ncases: [{input: q}]\nassert:\n  - type: faithfulness\n");

        var run = await CliRunner.RunAsync(directory.Path, "eval", "s.yaml");

        Assert.Equal(EvalCommand.RunFailed, run.ExitCode);
        Assert.Equal("error: s.yaml:4:11: assertion type 'faithfulness' is model-graded and needs a judge model: add judge: MODEL (a name under models: in keel.yaml) to the suite.", run.Error.Trim());
    }

    [Fact]
    public async Task Eval_BaselineThenSignificantRegression_Exit1_HistoryAndCompareShowTheChange()
    {
        using var directory = new TempDirectory();
        await using var good = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptYaml = RulesOk });
        WriteModels(directory, good);
        directory.File("s.yaml", Suite(cases: 8, extra: "gates: { max_drop: 0.1 }\nbaseline: base.json\n"));

        var update = await CliRunner.RunAsync(directory.Path, "eval", "s.yaml", "--update-baseline", "--json");
        var same = await CliRunner.RunAsync(directory.Path, "eval", "s.yaml", "--json");
        await using var bad = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptYaml = "rules: []\n" });
        WriteModels(directory, bad);
        var regressed = await CliRunner.RunAsync(directory.Path, "eval", "s.yaml", "--json", "--cache", "off");
        var history = await CliRunner.RunAsync(directory.Path, "eval", "history", "--json");
        var ids = JsonDocument.Parse(history.Out).RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        var compare = await CliRunner.RunAsync(directory.Path, "eval", "compare", ids[1], ids[0]);

        Assert.Equal(0, update.ExitCode);
        Assert.Contains("\"m/c1\": \"pass\"", File.ReadAllText(Path.Combine(directory.Path, "base.json")), StringComparison.Ordinal);
        Assert.Equal(0, same.ExitCode);
        Assert.True(regressed.ExitCode == EvalCommand.GateFailed, regressed.Error + regressed.Out);
        var baseline = JsonDocument.Parse(regressed.Out).RootElement.GetProperty("baseline");
        Assert.Equal(8, baseline.GetProperty("regressed").GetInt32());
        Assert.Equal(2.0 / 256, baseline.GetProperty("p_value").GetDouble(), 9);
        Assert.Equal(3, ids.Count);
        Assert.Equal(0, compare.ExitCode);
        Assert.Contains("8 case(s) changed", compare.Console, StringComparison.Ordinal);
        Assert.Contains("m/c1", compare.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_ModelWithoutAPrice_CostIsUnknownNotZero_InTheSummaryAndHistory()
    {
        await using var simulated = await SuiteAsync(RulesOk, cases: 2);
        var (directory, sim) = (simulated.Directory, simulated.Simulator);

        var run = await CliRunner.RunAsync(directory.Path, "eval", "s.yaml");
        var json = await CliRunner.RunAsync(directory.Path, "eval", "s.yaml", "--json");
        var history = await CliRunner.RunAsync(directory.Path, "eval", "history", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("cost unknown (2 calls unpriced)", run.Console.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Equal(2, JsonNode.Parse(json.Out)!["summary"]!["unpriced_calls"]!.GetValue<int>());
        var latest = JsonNode.Parse(history.Out)!["runs"]![0]!;
        Assert.Null(latest["cost_usd"]);
        Assert.Equal(2, latest["unpriced_calls"]!.GetValue<int>());
    }

    [Fact]
    public async Task EvalHistory_SuiteNamedAnotherWay_StillFindsItsRuns()
    {
        await using var simulated = await SimulatedDirectory.StartAsync(RulesOk, ModelsYaml);
        var (directory, sim) = (simulated.Directory, simulated.Simulator);
        directory.File("evals/s.yaml", Suite(cases: 1));
        await CliRunner.RunAsync(directory.Path, "eval", "evals/s.yaml");

        var history = await CliRunner.RunAsync(directory.Path, "eval", "history", "--suite", "./evals/../evals/s.yaml", "--json");

        Assert.Equal("evals/s.yaml", JsonNode.Parse(history.Out)!["runs"]![0]!["suite"]!.GetValue<string>());
    }

    [Fact]
    public async Task EvalCompare_RunsOfTwoSuitesAmbiguousOrUnknownIds_SaysWhich()
    {
        await using var simulated = await SimulatedDirectory.StartAsync(RulesOk, ModelsYaml);
        var (directory, sim) = (simulated.Directory, simulated.Simulator);
        directory.File("a.yaml", Suite(cases: 1));
        directory.File("b.yaml", Suite(cases: 1));
        await CliRunner.RunAsync(directory.Path, "eval", "a.yaml");
        await CliRunner.RunAsync(directory.Path, "eval", "b.yaml");
        var ids = JsonNode.Parse((await CliRunner.RunAsync(directory.Path, "eval", "history", "--json")).Out)!["runs"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();

        var compare = await CliRunner.RunAsync(directory.Path, "eval", "compare", ids[1], ids[0]);
        var unknown = await CliRunner.RunAsync(directory.Path, "eval", "compare", "zzzz", ids[0]);
        var ambiguous = await CliRunner.RunAsync(directory.Path, "eval", "compare", "", ids[0]);

        Assert.Equal(0, compare.ExitCode);
        Assert.Contains("warning: the runs are of different suites (a.yaml, b.yaml)", compare.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no run has an id that is or starts with 'zzzz'", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(1, ambiguous.ExitCode);
        Assert.Contains("starts the ids of several runs", ambiguous.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_GateBelowMinimum_Exit1()
    {
        await using var simulated = await SuiteAsync("rules:\n  - match: { contains: ticket 1 }\n    reply: ok\n", cases: 2, extra: "gates: { min_pass_rate: 0.9 }\n");
        var (directory, sim) = (simulated.Directory, simulated.Simulator);

        var run = await CliRunner.RunAsync(directory.Path, "eval", "s.yaml");

        Assert.Equal(EvalCommand.GateFailed, run.ExitCode);
        Assert.Contains("gate pass rate: FAIL 50.0%", run.Console, StringComparison.Ordinal);
        Assert.Contains("FAIL m/c2: equals: expected 'ok'", run.Console, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--markdown", "", "--markdown: the file name is empty")]
    [InlineData("--junit", "reports", "--junit reports: that is a directory")]
    [InlineData("--max-error-rate", "abc", "'abc'")]
    [InlineData("--max-error-rate", "1.5", "--max-error-rate must be from 0 to 1 (got 1.5)")]
    public async Task Eval_BadReportPathOrRate_Exit2BeforeAnyCall(string option, string value, string expected)
    {
        await using var simulated = await SuiteAsync(RulesOk, cases: 2);
        var (directory, sim) = (simulated.Directory, simulated.Simulator);
        Directory.CreateDirectory(Path.Combine(directory.Path, "reports"));

        var run = await CliRunner.RunAsync(directory.Path, "eval", "s.yaml", option, value);

        Assert.Equal(EvalCommand.RunFailed, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, sim.Stats.TotalRequests);
    }

    [Fact]
    public async Task Eval_OutputWithTerminalColourCodes_JUnitReportIsStillWellFormedXml()
    {
        await using var simulated = await SuiteAsync("rules:\n  - match: { contains: ticket }\n    reply: \"\\e[31mred\\e[0m\"\n", cases: 1);
        var (directory, sim) = (simulated.Directory, simulated.Simulator);

        var run = await CliRunner.RunAsync(directory.Path, "eval", "s.yaml", "--junit", "out/j.xml", "--markdown", "out/r.md");

        Assert.True(run.ExitCode == 0, run.Error);
        var junit = System.Xml.Linq.XDocument.Load(Path.Combine(directory.Path, "out", "j.xml"));
        Assert.Contains("\\u001B[31mred", junit.Descendants("failure").Single().Value, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory.Path, "out", "r.md")));
    }

    [Fact]
    public async Task Eval_ReportCannotBeWritten_ResultsStillShownAndStored_Exit2NamingTheOption()
    {
        await using var simulated = await SuiteAsync(RulesOk, cases: 2);
        var (directory, sim) = (simulated.Directory, simulated.Simulator);
        directory.File("taken", "a file where the report's folder should be");

        var run = await CliRunner.RunAsync(directory.Path, "eval", "s.yaml", "--junit", "taken/out.xml", "--markdown", "out/report.md");

        Assert.Equal(EvalCommand.RunFailed, run.ExitCode);
        Assert.Contains("--junit taken/out.xml: could not write the report", run.Error, StringComparison.Ordinal);
        Assert.Contains("Gates passed", run.Console, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory.Path, "out", "report.md")));
        var history = await CliRunner.RunAsync(directory.Path, "eval", "history");
        Assert.Contains("s.yaml", history.Console, StringComparison.Ordinal);
    }

    /// <summary>Model m on a simulator answering by <paramref name="script"/> (no retries), and a suite s.yaml of
    /// <paramref name="cases"/> cases asking m.</summary>
    private static async Task<SimulatedDirectory> SuiteAsync(string script, int cases, string extra = "")
    {
        var simulated = await SimulatedDirectory.StartAsync(script, ModelsYaml);
        simulated.Directory.File("s.yaml", Suite(cases, extra));
        return simulated;
    }

    private static string Suite(int cases, string extra = "") =>
        "targets:\n  - models: [m]\n    prompt: [{ role: user, content: \"{{t}}\" }]\nassert: [{ type: equals, value: ok }]\ncases:\n"
        + string.Concat(Enumerable.Range(1, cases).Select(i => $"  - {{ id: c{i}, vars: {{ t: \"ticket {i}\" }} }}\n")) + extra;

    private static void WriteModels(TempDirectory directory, SimulatorServer sim) => directory.File("keel.yaml", ModelsYaml(sim.BaseUrl + "v1"));

    private static string ModelsYaml(string baseUrl) =>
        $"models:\n  m:\n    provider: openai-compatible\n    model: sim\n    base_url: {baseUrl}\n    retry: {{ max_retries: 0 }}\n";

    /// <summary>A copy of samples/evals and samples/prompts, laid out as in the repository (under samples/).</summary>
    private static TempDirectory CopyTriageSample()
    {
        var directory = new TempDirectory();
        foreach (var folder in new[] { "evals", "prompts" })
        {
            var target = Directory.CreateDirectory(Path.Combine(directory.Path, "samples", folder)).FullName;
            foreach (var file in Directory.GetFiles(RepositoryPaths.Combine("samples", folder)))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }

        return directory;
    }

    private static string Evals(TempDirectory directory) => Path.Combine(directory.Path, "samples", "evals");

    private static void PointAtSimulator(TempDirectory directory, SimulatorServer sim)
    {
        var path = Path.Combine(Evals(directory), "keel.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("http://127.0.0.1:8099/", sim.BaseUrl.ToString(), StringComparison.Ordinal));
    }
}
