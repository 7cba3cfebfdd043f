using Microsoft.Extensions.Time.Testing;

namespace Keel.Tests.Evals;

public sealed class EvalRunnerTests
{
    private static readonly AssertionContext Context = new(Path.GetTempPath(), () => throw new InvalidOperationException(), () => throw new InvalidOperationException());

    private static EvalCase Case(string id, string expected, params string[] tags) => new()
    {
        Id = id,
        Input = id,
        Expected = expected,
        Tags = tags,
        Assertions = [AssertionFactory.Create(new EvalAssertionConfig { Type = "equals" }, Context, "t")],
    };

    private static EvalSuite Suite(IEvalTarget target, int repeat = 1, EvalGatesConfig? gates = null, params EvalCase[] cases) => new()
    {
        Name = "suite.yaml",
        Targets = [target],
        Cases = cases,
        Repeat = repeat,
        Concurrency = 4,
        Gates = gates ?? new EvalGatesConfig(),
    };

    [Fact]
    public async Task Run_TargetThrows_TrialIsErrorNeverFail_AndCountsInTheErrorRate()
    {
        var target = new FakeTarget("m", (c, _) => c.Id == "down"
            ? throw new ModelCallException(ModelErrorKind.ServerError, "the provider answered 503") { StatusCode = 503 }
            : "a");

        var run = await new EvalRunner(TimeProvider.System).RunAsync(Suite(target, cases: [Case("ok", "a"), Case("wrong", "b"), Case("down", "a")]), baseline: null);

        var byId = run.Trials.ToDictionary(t => t.CaseId);
        Assert.Equal(EvalStatus.Pass, byId["ok"].Status);
        Assert.Equal(EvalStatus.Error, byId["down"].Status);
        Assert.Equal("the provider answered 503", byId["down"].Error);
        Assert.Empty(byId["down"].Assertions);
        Assert.Equal(EvalStatus.Fail, byId["wrong"].Status);
        Assert.Equal(new EvalRate("all", 1, 1, 1), run.Summary.Overall);
        Assert.Equal(0.5, run.Summary.Overall.PassRate);
        Assert.Equal(1.0 / 3, run.Summary.ErrorRate, 9);
    }

    [Fact]
    public async Task Run_AssertionErrors_TrialIsError()
    {
        var target = new FakeTarget("m", (_, _) => "x");
        var noExpected = new EvalCase { Id = "c", Input = "c", Assertions = [AssertionFactory.Create(new EvalAssertionConfig { Type = "equals" }, Context, "t")] };

        var run = await new EvalRunner(TimeProvider.System).RunAsync(Suite(target, cases: [noExpected]), baseline: null);

        Assert.Equal(EvalStatus.Error, Assert.Single(run.Trials).Status);
    }

    [Fact]
    public async Task Run_JudgeParseFailureRate_CountsJudgesByWhatTheyAre_NotByTheirName()
    {
        var judge = new Keel.Tests.Structured.ScriptedChatClient((_, _) => Keel.Tests.Structured.ScriptedChatClient.Reply("no verdict here"));
        var context = new AssertionContext(Path.GetTempPath(), () => throw new InvalidOperationException(), () => judge);
        var named = new EvalAssertionConfig { Type = "rubric", Name = "tone", Value = "Is polite", Settings = new Dictionary<string, string> { ["max_reasks"] = "0" } };
        var notAJudge = new EvalAssertionConfig { Type = "contains", Name = "rubric", Value = "a" };
        var evalCase = new EvalCase { Id = "c", Input = "c", Assertions = [AssertionFactory.Create(named, context, "t"), AssertionFactory.Create(notAJudge, context, "t")] };

        var run = await new EvalRunner(TimeProvider.System).RunAsync(Suite(new FakeTarget("m", (_, _) => "a"), cases: [evalCase]), baseline: null);

        Assert.Equal(1.0, run.Summary.JudgeParseFailureRate);
    }

    [Fact]
    public async Task Run_Repeats_ComputesPassAtKPassHatKAndFlagsFlakyCases()
    {
        // "steady" passes 4/4, "flaky" passes repeats 0 and 2 only, "broken" never.
        var target = new FakeTarget("m", (c, r) => c.Id switch
        {
            "steady" => "a",
            "flaky" => r % 2 == 0 ? "a" : "no",
            _ => "no",
        });

        var run = await new EvalRunner(TimeProvider.System).RunAsync(
            Suite(target, repeat: 4, cases: [Case("steady", "a"), Case("flaky", "a"), Case("broken", "a")]), baseline: null);

        Assert.Equal(12, target.Calls);
        Assert.Equal(["m/flaky"], run.Summary.Flaky);
        Assert.Equal((1 + 0.5 + 0) / 3, run.Summary.PassAt1, 9);
        Assert.Equal((1 + 1 + 0) / 3.0, run.Summary.PassAtK, 9); // k = 4 = n: any pass
        Assert.Equal((1 + 0 + 0) / 3.0, run.Summary.PassHatK, 9); // k = 4 = n: all pass
    }

    [Fact]
    public async Task Run_Gates_PerSuiteAssertionAndTag()
    {
        var target = new FakeTarget("m", (c, _) => c.Id == "b2" ? "wrong" : c.Expected!);
        var gates = new EvalGatesConfig
        {
            MinPassRate = 0.7,
            Assertions = new Dictionary<string, double> { ["equals"] = 0.9 },
            Tags = new Dictionary<string, double> { ["a"] = 1.0, ["b"] = 1.0, ["missing"] = 0.5 },
        };

        var run = await new EvalRunner(TimeProvider.System).RunAsync(
            Suite(target, gates: gates, cases: [Case("a1", "x", "a"), Case("a2", "x", "a"), Case("b1", "x", "b"), Case("b2", "x", "b")]), baseline: null);

        Assert.Equal(
            [("pass rate", true), ("assertion equals", false), ("tag a", true), ("tag b", false), ("tag missing", false)],
            run.Gates.Select(g => (g.Gate, g.Passed)));
        Assert.False(run.GatesPassed);
    }

    [Fact]
    public async Task Run_DropAgainstBaseline_FailsOnlyWhenSignificant()
    {
        var cases = Enumerable.Range(0, 20).Select(i => Case($"c{i}", "x")).ToArray();
        var baseline = cases.ToDictionary(c => "m/" + c.Id, _ => true);
        var gates = new EvalGatesConfig { MaxDrop = 0.05 };

        // 2 of 20 regress: a 10% drop, but McNemar p = 0.5, so not significant.
        var small = await new EvalRunner(TimeProvider.System).RunAsync(
            Suite(new FakeTarget("m", (c, _) => c.Id is "c0" or "c1" ? "no" : "x"), gates: gates, cases: cases), baseline);
        // 8 of 20 regress: p = 2 / 2^8 = 0.0078.
        var large = await new EvalRunner(TimeProvider.System).RunAsync(
            Suite(new FakeTarget("m", (c, _) => int.Parse(c.Id[1..], System.Globalization.CultureInfo.InvariantCulture) < 8 ? "no" : "x"), gates: gates, cases: cases), baseline);

        Assert.True(small.GatesPassed);
        Assert.Equal(0.5, small.Baseline!.PValue, 9);
        Assert.Contains("not significant", small.Gates.Single().Detail, StringComparison.Ordinal);
        Assert.False(large.GatesPassed);
        Assert.Equal(8, large.Baseline!.Regressed);
        Assert.Equal(2.0 / 256, large.Baseline.PValue, 9);
    }

    [Fact]
    public async Task Run_RateLimited_RetriesAfterTheProvidersDelayAndShrinksTheModelsLimit()
    {
        var time = new FakeTimeProvider();
        var attempts = 0;
        var target = new FakeTarget("m", (_, _) => Interlocked.Increment(ref attempts) == 1
            ? throw new ModelCallException(ModelErrorKind.RateLimited, "429") { RetryAfter = TimeSpan.FromSeconds(3) }
            : "x", model: "m");
        var runner = new EvalRunner(time);

        var running = runner.RunAsync(Suite(target, cases: [Case("c", "x")]) with { Concurrency = 8 }, baseline: null);
        for (var i = 0; i < 100 && attempts < 1; i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(running.IsCompleted); // waiting out Retry-After
        time.Advance(TimeSpan.FromSeconds(3));
        var run = await running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(EvalStatus.Pass, Assert.Single(run.Trials).Status);
        Assert.Equal(2, attempts);
        Assert.Equal(1, runner.Limiters["m"].RateLimits);
        Assert.Equal(4, runner.Limiters["m"].Limit);
    }

    [Fact]
    public async Task AdaptiveLimiter_HoldsCallsOverTheLimit_AndGrowsBackAfterSuccesses()
    {
        var limiter = new AdaptiveLimiter(4, TimeProvider.System);
        for (var i = 0; i < 4; i++)
        {
            await limiter.AcquireAsync(CancellationToken.None);
        }

        var fifth = limiter.AcquireAsync(CancellationToken.None);
        Assert.False(fifth.IsCompleted);
        limiter.Release(rateLimited: true, TimeSpan.Zero); // limit 4 → 2; 3 in flight, so the fifth still waits
        Assert.Equal(2, limiter.Limit);
        limiter.Release(rateLimited: false);
        limiter.Release(rateLimited: false); // 1 in flight: the fifth may go; two successes at limit 2 → 3
        await fifth.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Equal(3, limiter.Limit);
    }
}
