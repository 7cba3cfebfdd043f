using Keel.Simulator;

namespace Keel.Tests.Evals;

/// <summary>Suites that use the judges and the prompt files, built from YAML and run through the runner against the
/// simulator with Keel's configured models (their pipelines, tracing and retries).</summary>
public sealed class EvalWiringTests : IAsyncLifetime
{
    private const string Script = """
        rules:
          - match: { model: judge-model, contains: CASE-OUTAGE }
            fault: { kind: server_error, status: 503 }
          - match: { model: judge-model, contains: CASE-FAIL }
            reply: '{"reason": "The answer does not fit.", "pass": false, "score": 0.1}'
          - match: { model: judge-model }
            reply: '{"reason": "The answer fits.", "pass": true, "score": 0.9}'
          - match: { model: target-model, contains: Ada }
            reply: "Hello, Ada!"
          - match: { model: target-model }
            reply: "billing"
        """;

    private readonly TempDirectory _directory = new();
    private SimulatorServer? _sim;

    public async ValueTask InitializeAsync()
    {
        _sim = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptYaml = Script });
        _directory.File("keel.yaml", $$"""
            models:
              m:
                provider: openai-compatible
                model: target-model
                base_url: {{_sim.BaseUrl}}v1
                retry: { max_retries: 0 }
              judge:
                provider: openai-compatible
                model: judge-model
                base_url: {{_sim.BaseUrl}}v1
                retry: { max_retries: 0 }
            prompts:
              path: my-prompts
            """);
        _directory.File("my-prompts/greet.prompt.md", "---\ninputs:\n  user: string\n  times: { type: integer, default: 1 }\n---\n# system\nBe warm.\n# user\nSay hello to {{ user }} {{ times }} time(s).\n");
        PromptLibrary.Load(Path.Combine(_directory.Path, "my-prompts")).SetLabel("greet", "production");
    }

    public async ValueTask DisposeAsync()
    {
        await _sim!.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Run_Rubric_PassingVerdictPasses_FailingVerdictFails_Judge503IsAnErrorNotAFail()
    {
        using var keel = KeelFixture.Open(_directory);
        var suite = Load(keel, """
            targets:
              - models: [m]
                prompt: [{ role: user, content: "Ticket {{id}}: I was charged twice." }]
            judge: judge
            assert:
              - type: rubric
                value: "The category fits the ticket."
            cases:
              - { id: pass, vars: { id: CASE-PASS } }
              - { id: fail, vars: { id: CASE-FAIL } }
              - { id: outage, vars: { id: CASE-OUTAGE } }
            """);

        var run = await new EvalRunner(TimeProvider.System).RunAsync(suite, baseline: null);

        var trials = run.Trials.ToDictionary(t => t.CaseId);
        Assert.Equal(EvalStatus.Pass, trials["pass"].Status);
        Assert.Equal(EvalStatus.Fail, trials["fail"].Status);
        Assert.Equal(EvalStatus.Error, trials["outage"].Status);
        var failed = Assert.Single(trials["fail"].Assertions);
        Assert.Equal(("rubric", EvalStatus.Fail), (failed.Name, failed.Status));
        Assert.Contains("The answer does not fit.", failed.Reason, StringComparison.Ordinal);
        var errored = Assert.Single(trials["outage"].Assertions);
        Assert.Equal(EvalStatus.Error, errored.Status);
        Assert.Contains("the judge model failed", errored.Reason, StringComparison.Ordinal);
        Assert.Equal((1, 1, 1), (run.Summary.Overall.Passed, run.Summary.Overall.Failed, run.Summary.Overall.Errors));
        Assert.Equal(1.0 / 3, run.Summary.ErrorRate, 9);
        Assert.Equal(0.5, run.Summary.Overall.PassRate, 9);
    }

    [Fact]
    public async Task Run_PromptFileByLabel_RendersTheCaseVars_AndTracesRecordThePrompt()
    {
        using var keel = KeelFixture.Open(_directory);
        var suite = Load(keel, """
            targets:
              - models: [m]
                prompt: greet@production
            assert:
              - type: equals
                value: "Hello, Ada!"
            cases:
              - { id: ada, vars: { user: Ada, times: "2" } }
            """);

        var run = await new EvalRunner(TimeProvider.System).RunAsync(suite, baseline: null);
        await keel.Get<TraceWriter>().FlushAsync();
        var trace = Assert.Single(await keel.Get<ITraceStore>().ListAsync(10));

        var trial = Assert.Single(run.Trials);
        Assert.Equal(EvalStatus.Pass, trial.Status);
        Assert.Equal("Say hello to Ada 2 time(s).", trial.Input);
        var version = keel.Get<PromptLibrary>().Render("greet@production", new Dictionary<string, object?> { ["user"] = "x" }).Version;
        Assert.Equal(("greet", version, "production"), (trace.PromptName, trace.PromptVersion, trace.PromptLabel));
    }

    [Fact]
    public void Load_PromptFile_MistypedOrUnknownPrompt_IsASuiteErrorNamingIt()
    {
        using var keel = KeelFixture.Open(_directory);
        const string Suite = "targets:\n  - models: [m]\n    prompt: {0}\nassert: [{{ type: equals, value: x }}]\ncases:\n  - {{ id: c1, vars: {{ user: Ada, times: {1} }} }}\n";

        var mistyped = Assert.Throws<KeelConfigurationException>(() => Load(keel, string.Format(System.Globalization.CultureInfo.InvariantCulture, Suite, "greet@production", "many")));
        var missing = Assert.Throws<KeelConfigurationException>(() => Load(keel, "targets:\n  - models: [m]\n    prompt: greet@production\nassert: [{ type: equals, value: x }]\ncases:\n  - { id: c2, vars: { name: Ada } }\n"));
        var unknown = Assert.Throws<KeelConfigurationException>(() => Load(keel, string.Format(System.Globalization.CultureInfo.InvariantCulture, Suite, "nope@production", "1")));

        Assert.Equal("s.yaml: targets[0]: prompt 'greet@production', case 'c1': variable 'times' is 'many', but the prompt declares it integer (my-prompts/greet.prompt.md:4).", mistyped.Message);
        Assert.StartsWith("s.yaml: targets[0]: prompt 'greet@production', case 'c2': my-prompts/greet.prompt.md:", missing.Message, StringComparison.Ordinal);
        Assert.Contains("missing required input 'user'", missing.Message, StringComparison.Ordinal);
        Assert.StartsWith("s.yaml: targets[0]: prompt: 'nope@production': ", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_JudgeTypeWithoutJudge_IsASuiteErrorWithItsLine()
    {
        using var keel = KeelFixture.Open(_directory);

        var error = Assert.Throws<KeelConfigurationException>(() => Load(keel, "targets:\n  - models: [m]\n    prompt: [{ role: user, content: hi }]\ncases:\n  - id: c1\n    input: q\n    assert:\n      - type: not-rubric\n        value: rude\n"));

        _directory.File("d.yaml", "- id: c1\n  input: q\n  assert: [{ type: faithfulness }]\n");
        var inDataset = Assert.Throws<KeelConfigurationException>(() => Load(keel, "targets:\n  - models: [m]\n    prompt: [{ role: user, content: hi }]\ndataset: d.yaml\n"));

        Assert.Equal("d.yaml: case 1: assert[0]: assertion type 'faithfulness' is model-graded and needs a judge model: add judge: MODEL (a name under models: in keel.yaml) to the suite.", inDataset.Message);
        Assert.Equal("s.yaml:8:15: assertion type 'not-rubric' is model-graded and needs a judge model: add judge: MODEL (a name under models: in keel.yaml) to the suite.", error.Message);
    }

    [Fact]
    public void Load_JudgeSettings_GoToTheJudgeFactory_UnknownOnesAreSuiteErrors()
    {
        using var keel = KeelFixture.Open(_directory);
        const string Suite = "targets:\n  - models: [m]\n    prompt: [{{ role: user, content: hi }}]\njudge: judge\ncases: [{{ id: c1, input: q }}]\nassert:\n  - {0}\n";

        var geval = Load(keel, string.Format(System.Globalization.CultureInfo.InvariantCulture, Suite, "{ type: g-eval, name: polite, threshold: 0.7, settings: { criteria: Politeness, max_reasks: \"2\" } }"));
        var typo = Assert.Throws<KeelConfigurationException>(() => Load(keel, string.Format(System.Globalization.CultureInfo.InvariantCulture, Suite, "{ type: rubric, value: ok, settings: { treshold: \"0.5\" } }")));
        var twice = Assert.Throws<KeelConfigurationException>(() => Load(keel, string.Format(System.Globalization.CultureInfo.InvariantCulture, Suite, "{ type: rubric, value: ok, settings: { value: ok } }")));
        var k = Assert.Throws<KeelConfigurationException>(() => Load(keel, string.Format(System.Globalization.CultureInfo.InvariantCulture, Suite, "{ type: rubric, value: ok, k: 3 }")));

        Assert.IsType<GEvalJudge>(Assert.Single(geval.Cases[0].Assertions));
        Assert.Equal("polite", geval.Cases[0].Assertions[0].Name);
        Assert.Equal("s.yaml: assert[0]: rubric: unknown setting 'treshold'; expected: max_reasks, name, rubric, threshold, value.", typo.Message);
        Assert.Contains("value is given both as a key and under settings:", twice.Message, StringComparison.Ordinal);
        Assert.Contains("k: the rubric judge does not read it", k.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PromptFile_CaseVariableNothingReads_WarnsOncePerNameWithLocationInputsAndSuggestion()
    {
        using var keel = KeelFixture.Open(_directory);
        _directory.File("d.jsonl", """
            {"id": "c1", "vars": {"user": "Ada", "tiems": "3"}}
            {"id": "c2", "vars": {"user": "Bob", "tiems": "2", "question": "read as the case's question"}}

            {"id": "c3", "vars": {"user": "Cy", "note": "from ticket 12", "reply": "Hello, Cy!"}}
            """);

        var suite = Load(keel, """
            targets:
              - models: [m]
                prompt: greet@production
            dataset: d.jsonl
            assert:
              - type: contains
                value: "{{reply}}"
            cases:
              - id: inline
                vars: { user: Dee, tiems: "4", extra: "x" }
            """);

        // Assertions do not substitute variables, so "{{reply}}" above is literal text and reply is read by nothing.
        Assert.Equal(["tiems", "note", "reply", "extra"], suite.Warnings.Select(w => w.Variable));
        var typo = suite.Warnings[0];
        Assert.Equal(("d.jsonl:1", "c1", "times", 3), (typo.Location, typo.Case, typo.Suggestion, typo.Cases));
        Assert.Equal(
            "d.jsonl:1: case 'c1': variable 'tiems' is not an input of greet@production (inputs: user, times) and nothing else in the suite reads it; did you mean 'times'? (2 more cases have it)",
            typo.Message);
        Assert.Equal("d.jsonl:4: case 'c3': variable 'note' is not an input of greet@production (inputs: user, times) and nothing else in the suite reads it", suite.Warnings[1].Message);
        Assert.Equal(("s.yaml:9", null, 1), (suite.Warnings[3].Location, suite.Warnings[3].Suggestion, suite.Warnings[3].Cases));
    }

    [Fact]
    public void Load_PromptFile_VariableAnotherTargetsTemplateReads_IsNoWarning()
    {
        using var keel = KeelFixture.Open(_directory);

        var suite = Load(keel, """
            targets:
              - models: [m]
                prompt: greet@production
              - name: inline
                models: [m]
                prompt: [{ role: user, content: "Hi {{nickname}}, {{user}}" }]
            assert: [{ type: equals, value: x }]
            cases:
              - { id: c1, vars: { user: Ada, nickname: Addie } }
            """);

        Assert.Empty(suite.Warnings);
    }

    [Fact]
    public void Load_InlinePromptsOnly_ExtraVariablesAreNotChecked()
    {
        using var keel = KeelFixture.Open(_directory);

        var suite = Load(keel, """
            targets:
              - models: [m]
                prompt: [{ role: user, content: "Hi {{user}}" }]
            assert: [{ type: equals, value: x }]
            cases:
              - { id: c1, vars: { user: Ada, note: "kept for reviewers" } }
            """);

        Assert.Empty(suite.Warnings);
    }

    [Fact]
    public void Load_Strict_CaseVariableNothingReads_IsASuiteError()
    {
        using var keel = KeelFixture.Open(_directory);

        var error = Assert.Throws<KeelConfigurationException>(() => Load(keel, """
            strict: true
            targets:
              - models: [m]
                prompt: greet@production
            assert: [{ type: equals, value: x }]
            cases:
              - { id: c1, vars: { usr: Ada, user: Ada } }
              - { id: c2, vars: { user: Bob, tims: "2" } }
            """));

        Assert.Equal(
            "s.yaml:7: case 'c1': variable 'usr' is not an input of greet@production (inputs: user, times) and nothing else in the suite reads it; did you mean 'user'?\n"
            + "s.yaml:8: case 'c2': variable 'tims' is not an input of greet@production (inputs: user, times) and nothing else in the suite reads it; did you mean 'times'?\n"
            + "(s.yaml has strict: true, so these are errors: fix the names, or remove the variables.)",
            error.Message);
    }

    private EvalSuite Load(KeelFixture keel, string yaml)
    {
        _directory.File("s.yaml", yaml);
        return EvalSuiteBuilder.Load("s.yaml", _directory.Path, keel.Get<IServiceProvider>(), EvalCacheMode.Off);
    }
}
