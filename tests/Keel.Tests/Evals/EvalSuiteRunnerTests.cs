using System.Collections.Concurrent;
using System.Xml.Linq;
using Keel.Simulator;
using Keel.Tests.Rag.Ask;
using Keel.Tests.Rag.Search;
using Keel.Tests.Structured;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Keel.Tests.Evals;

/// <summary>The library way in: <see cref="EvalSuiteRunner"/> from <c>AddKeel()</c> and
/// <see cref="EvalAssertionEvaluator.Create"/>, against the simulator.</summary>
public sealed class EvalSuiteRunnerTests
{
    private const string Suite = """
        targets:
          - models: [m]
            prompt: [{ role: user, content: "{{t}}" }]
        assert: [{ type: equals, value: ok }]
        cases:
          - { id: c1, vars: { t: ticket 1 } }
          - { id: c2, vars: { t: ticket 2 } }
        gates: { min_pass_rate: 0.9, max_drop: 0.1 }
        baseline: base.json
        """;

    [Fact]
    public async Task RunAsync_PassingSuite_IsPassed_WritesTheBaseline_StoresTheRun_AndReports()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptYaml = "rules:\n  - match: { contains: ticket }\n    reply: ok\n" });
        using var keel = Keel(sim);
        var seen = new ConcurrentBag<string>();

        var run = await keel.Get<EvalSuiteRunner>().RunAsync(
            "s.yaml", new EvalRunOptions { UpdateBaseline = true }, new SynchronousProgress(t => seen.Add(t.Key)), TestContext.Current.CancellationToken);

        Assert.Equal(EvalOutcome.Passed, run.Outcome);
        Assert.Equal("s.yaml", run.Suite);
        Assert.Equal(["m/c1", "m/c2"], seen.Order(StringComparer.Ordinal));
        Assert.Equal(2, run.Summary.Overall.Passed);
        Assert.Contains("\"m/c2\": \"pass\"", File.ReadAllText(Path.Combine(keel.Directory.Path, "base.json")), StringComparison.Ordinal);
        Assert.Equal(run.RunId, Assert.Single(new EvalRunStore(keel.Get<SqliteDatabase>()).List(10, null)).Id);
        Assert.Equal(2, XDocument.Parse(run.ToJUnitXml()).Descendants("testcase").Count());
        Assert.Contains("s.yaml", run.ToMarkdown(), StringComparison.Ordinal);
        using var html = new StringWriter();
        run.WriteHtml(html);
        Assert.StartsWith("<!DOCTYPE html>", html.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RunAsync_AFailingCase_IsGateFailed_AgainstTheBaselineToo()
    {
        using var directory = new TempDirectory();
        await using var good = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptYaml = "rules:\n  - match: { contains: ticket }\n    reply: ok\n" });
        using (var first = Keel(good, directory))
        {
            await first.Get<EvalSuiteRunner>().RunAsync("s.yaml", new EvalRunOptions { UpdateBaseline = true }, cancellationToken: TestContext.Current.CancellationToken);
        }

        await using var worse = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptYaml = "rules:\n  - match: { contains: ticket 1 }\n    reply: ok\n" });
        using var keel = Keel(worse, directory);
        var run = await keel.Get<EvalSuiteRunner>().RunAsync("s.yaml", new EvalRunOptions { Cache = EvalCacheMode.Off }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(EvalOutcome.GateFailed, run.Outcome);
        Assert.StartsWith("## Eval `s.yaml`: ❌ gates failed", run.ToMarkdown(), StringComparison.Ordinal);
        Assert.Equal(EvalStatus.Fail, run.Trials.Single(t => t.CaseId == "c2").Status);
        Assert.Equal((2, 1), (run.Baseline!.Paired, run.Baseline.Regressed));
        Assert.Contains(run.Gates, g => g.Gate == "pass rate" && !g.Passed);
    }

    [Fact]
    public async Task RunAsync_ErrorsOverTheLimit_IsRunFailed_AndLeavesTheBaselineAlone()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptYaml = "rules:\n  - match: { contains: ticket }\n    fault: { kind: server_error, status: 503 }\n" });
        using var keel = Keel(sim);

        var run = await keel.Get<EvalSuiteRunner>().RunAsync("s.yaml", new EvalRunOptions { UpdateBaseline = true, MaxErrorRate = 0.5 }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(EvalOutcome.RunFailed, run.Outcome);
        Assert.All(run.Trials, t => Assert.Equal(EvalStatus.Error, t.Status));
        Assert.StartsWith("## Eval `s.yaml`: ❌ run failed: too many errors to judge", run.ToMarkdown(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(keel.Directory.Path, "base.json")));
        Assert.Equal("run_failed", Assert.Single(new EvalRunStore(keel.Get<SqliteDatabase>()).List(10, null)).Outcome);
    }

    [Fact]
    public async Task RunAsync_BaselineUpdateWithoutABaselineFile_ThrowsBeforeAnyCall()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptYaml = "rules:\n  - match: { contains: ticket }\n    reply: ok\n" });
        using var keel = Keel(sim);
        keel.Directory.File("s.yaml", Suite.Replace("baseline: base.json", "", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<KeelConfigurationException>(() =>
            keel.Get<EvalSuiteRunner>().RunAsync("s.yaml", new EvalRunOptions { UpdateBaseline = true }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("s.yaml names no baseline file; add baseline: FILE.json to the suite.", error.Message);
        Assert.Equal(0, sim.Stats.TotalRequests);
    }

    [Fact]
    public async Task RunAsync_SecondRun_IsServedFromTheEvalCache_WhateverTheCallCacheBound()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptYaml = "rules:\n  - match: { contains: ticket }\n    reply: ok\n" });
        using var keel = Keel(sim);
        File.AppendAllText(Path.Combine(keel.Directory.Path, "keel.yaml"), "cache:\n  max_entries: 1\n");

        var first = await keel.Get<EvalSuiteRunner>().RunAsync("s.yaml", cancellationToken: TestContext.Current.CancellationToken);
        var calls = sim.Stats.TotalRequests;
        var second = await keel.Get<EvalSuiteRunner>().RunAsync("s.yaml", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, calls);
        Assert.Equal(calls, sim.Stats.TotalRequests);
        Assert.Equal((0, 2), (first.Summary.CachedCalls, second.Summary.CachedCalls));
    }

    [Fact]
    public async Task RunAsync_AskSuite_RanksAndAnswersFromOneRetrieval_EmbeddingEachQuestionOnce()
    {
        Func<CountingEmbeddingGenerator> counter = null!;
        using var keel = new KeelFixture(services => counter = CountingEmbeddingGenerator.Install(services));
        SmallKnowledgeBase.Write(keel.Directory);
        keel.Directory.File("ask.suite.yaml", """
            targets: [{ ask: { docs: [kb] } }]
            cases:
              - { input: How long are deleted files kept in the trash?, sources: [trash.md] }
              - { input: When are refunds available?, sources: [billing.txt] }
            assert: [{ type: cites-source }, { type: mrr, k: 3, threshold: 1 }]
            """);
        await keel.Index.IngestAsync([Path.Combine(keel.Directory.Path, "kb")], cancellationToken: TestContext.Current.CancellationToken);
        var before = counter().Texts;
        var run = await keel.Get<EvalSuiteRunner>().RunAsync("ask.suite.yaml", cancellationToken: TestContext.Current.CancellationToken);
        var byTheSuite = counter().Texts - before;
        before = counter().Texts;
        foreach (var question in run.Trials.Select(t => t.Input))
        {
            await keel.Answerer.AskAsync(question, cancellationToken: TestContext.Current.CancellationToken);
        }

        var byAsking = counter().Texts - before;

        Assert.True(run.Outcome == EvalOutcome.Passed, run.ToMarkdown());
        Assert.True(byAsking > 0);
        Assert.Equal(byAsking, byTheSuite); // the ranking comes from the answer's own retrieval, not a second search
    }

    [Fact]
    public async Task EvaluatorFromYaml_DeterministicAssertion_PassesAndFailsThroughMeai()
    {
        var evaluator = EvalAssertionEvaluator.Create("{type: icontains, value: [60 days, trash]}");
        ChatMessage[] question = [new(ChatRole.User, "How long are deleted files kept?")];

        var pass = await evaluator.EvaluateAsync(question, new ChatResponse(new ChatMessage(ChatRole.Assistant, "60 Days in the Trash.")), cancellationToken: TestContext.Current.CancellationToken);
        var fail = await evaluator.EvaluateAsync(question, new ChatResponse(new ChatMessage(ChatRole.Assistant, "30 days.")), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((1.0, false), (pass.Get<NumericMetric>("icontains").Value, pass.Get<NumericMetric>("icontains").Interpretation!.Failed));
        Assert.Equal((0.0, true), (fail.Get<NumericMetric>("icontains").Value, fail.Get<NumericMetric>("icontains").Interpretation!.Failed));
    }

    [Fact]
    public async Task EvaluatorFromYaml_Judge_GradesWithTheGivenModel()
    {
        var judge = new ScriptedChatClient((_, _) => ScriptedChatClient.Reply("""{"reason": "Names it.", "pass": true, "score": 0.9}"""));
        var evaluator = EvalAssertionEvaluator.Create("type: rubric\nvalue: Names the retention period\n", judge);

        var result = await evaluator.EvaluateAsync([new(ChatRole.User, "How long?")], new ChatResponse(new ChatMessage(ChatRole.Assistant, "60 days.")), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0.9, result.Get<NumericMetric>("rubric").Value);
        Assert.Contains("Names the retention period", judge.Calls[0].Messages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluatorFromYaml_JudgeFromTheChatConfiguration_AsMeaiEvaluatorsTakeIt()
    {
        var judge = new ScriptedChatClient((_, _) => ScriptedChatClient.Reply("""{"reason": "No period given.", "pass": false, "score": 0.1}"""));
        var evaluator = EvalAssertionEvaluator.Create("{type: rubric, value: Names the retention period}");
        ChatMessage[] question = [new(ChatRole.User, "How long?")];
        var answer = new ChatResponse(new ChatMessage(ChatRole.Assistant, "A while."));

        var graded = await evaluator.EvaluateAsync(question, answer, new ChatConfiguration(judge), cancellationToken: TestContext.Current.CancellationToken);
        var noJudge = await Assert.ThrowsAsync<InvalidOperationException>(async () => await evaluator.EvaluateAsync(question, answer, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(0.1, graded.Get<NumericMetric>("rubric").Value);
        Assert.Single(judge.Calls);
        Assert.Contains("pass one to EvalAssertionEvaluator.Create, or a ChatConfiguration", noJudge.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{type: contians, value: x}", "assertion:1:8: unknown assertion type 'contians'")]
    [InlineData("{type: regex}", "a pattern")]
    [InlineData("[contains]", "expected a mapping")]
    public void EvaluatorFromYaml_BadAssertion_SaysWhatWasWrong(string yaml, string expected)
    {
        var error = Assert.Throws<KeelConfigurationException>(() => EvalAssertionEvaluator.Create(yaml));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Keel over a new directory, or over <paramref name="directory"/> as a new process would open it.</summary>
    private static KeelFixture Keel(SimulatorServer sim, TempDirectory? directory = null)
    {
        var keel = directory is null ? new KeelFixture() : KeelFixture.Open(directory);
        keel.Directory.File("keel.yaml", $"models:\n  m:\n    provider: openai-compatible\n    model: sim\n    base_url: {sim.BaseUrl}v1\n    retry: {{ max_retries: 0 }}\n");
        keel.Directory.File("s.yaml", Suite);
        return keel;
    }

    /// <summary>Reports on the caller's thread (<see cref="Progress{T}"/> would post them later).</summary>
    private sealed class SynchronousProgress(Action<EvalTrialResult> report) : IProgress<EvalTrialResult>
    {
        public void Report(EvalTrialResult value) => report(value);
    }
}
