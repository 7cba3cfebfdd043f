namespace Keel.Tests.Evals;

public sealed class EvalSuiteLoaderTests
{
    private static readonly AssertionContext Context = new(Path.GetTempPath(), () => throw new InvalidOperationException(), () => throw new InvalidOperationException());

    [Fact]
    public void Parse_FullSuite_BindsEveryKey()
    {
        var config = EvalSuiteLoader.Parse("""
            description: triage
            targets:
              - models: [small, large]
                prompt:
                  - role: user
                    content: "{{ticket}}"
                tools:
                  - name: lookup
                    parameters: { type: object, properties: { id: { type: string } } }
              - ask: { docs: [docs], top_k: 3 }
              - models: [small]
                name: from-file
                prompt: support-triage@production
            assert:
              - type: contains-any
                value: [a, b]
                weight: 0.5
              - type: json-schema
                value: { type: object }
            repeat: 3
            concurrency: 16
            gates: { min_pass_rate: 0.9, tags: { smoke: 1 }, max_drop: 0.05 }
            baseline: base.json
            judge: large
            cases:
              - id: one
                vars: { ticket: "x", prompt: "a variable named prompt stays a variable" }
                tags: [smoke]
            """, "s.yaml");

        Assert.Equal(["small", "large"], config.Targets[0].Models);
        Assert.Equal("{{ticket}}", config.Targets[0].Prompt[0].Content);
        Assert.Equal("""{"type":"object","properties":{"id":{"type":"string"}}}""", config.Targets[0].Tools[0].Parameters);
        Assert.Equal(3, config.Targets[1].Ask!.TopK);
        Assert.Equal("support-triage@production", config.Targets[2].PromptRef);
        Assert.Equal(["a", "b"], config.Assert[0].Values);
        Assert.Equal(0.5, config.Assert[0].Weight);
        Assert.Equal("""{"type":"object"}""", config.Assert[1].Value);
        Assert.Equal((3, 16, 0.9, 0.05), (config.Repeat, config.Concurrency, config.Gates.MinPassRate, config.Gates.MaxDrop));
        Assert.Equal("a variable named prompt stays a variable", config.Cases[0].Vars["prompt"]);
    }

    [Fact]
    public void Parse_InlineJsonValue_TypesPlainScalarsByTheYamlCoreSchema()
    {
        var config = EvalSuiteLoader.Parse("""
            assert:
              - type: json-schema
                value:
                  enum: [True, FALSE, ~, Null, "true", 1.0, 9007199254740993, NaN, yes]
                  default:
            """, "s.yaml");

        Assert.Equal("""{"enum":[true,false,null,null,"true",1,9007199254740993,"NaN","yes"],"default":null}""", config.Assert[0].Value);
    }

    [Theory]
    [InlineData("repeat: many\n", "s.yaml:1:9: repeat: expected a whole number, got 'many'")]
    [InlineData("targets:\n  - modles: [a]\n", "s.yaml:2:5: targets[0].modles: unknown key 'modles'; expected one of: name, ask, models, prompt, prompt_ref, tools, temperature, max_tokens")]
    [InlineData("assert:\n  - type: containz\n", "s.yaml:2:11: unknown assertion type 'containz'")]
    [InlineData("concurrency: 0\n", "s.yaml:1:14: concurrency: expected a value from 1 to 1024, got '0'")]
    [InlineData("cases: [ {id: a\n", "s.yaml:")]
    public void Parse_MalformedSuite_NamesFileLineColumnAndWhatWasExpected(string yaml, string message)
    {
        var error = Assert.Throws<KeelConfigurationException>(() => EvalSuiteLoader.Parse(yaml, "s.yaml"));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cases_DatasetFiles_JsonlCsvAndYaml_ReadTheSameCases()
    {
        using var directory = new TempDirectory();
        directory.File("d.jsonl", """
            {"id": "a", "vars": {"ticket": "hi"}, "expected": "bug", "tags": ["x", "y"]}

            {"id": "b", "ticket": "flat var", "sources": ["faq.txt"], "abstain": false}
            """);
        directory.File("d.csv", "id,ticket,expected,tags\na,hi,bug,x;y\nb,\"flat, \"\"quoted\"\"\nvar\",,\n");
        directory.File("d.yaml", "- id: a\n  vars: { ticket: hi }\n  expected: bug\n  tags: [x, y]\n- id: b\n  vars: { ticket: other }\n");
        var suite = Path.Combine(directory.Path, "s.yaml");

        var jsonl = EvalSuiteLoader.Cases(new EvalSuiteConfig { Dataset = "d.jsonl" }, suite, "s.yaml", Context);
        var csv = EvalSuiteLoader.Cases(new EvalSuiteConfig { Dataset = "d.csv" }, suite, "s.yaml", Context);
        var yaml = EvalSuiteLoader.Cases(new EvalSuiteConfig { Dataset = "d.yaml" }, suite, "s.yaml", Context);

        foreach (var cases in new[] { jsonl, csv, yaml })
        {
            Assert.Equal(["a", "b"], cases.Select(c => c.Id));
            Assert.Equal(("hi", "bug"), (cases[0].Vars["ticket"], cases[0].Expected));
            Assert.Equal(["x", "y"], cases[0].Tags);
        }

        Assert.Equal(["faq.txt"], jsonl[1].Sources);
        Assert.False(jsonl[1].Abstain);
        Assert.Equal("flat, \"quoted\"\nvar", csv[1].Vars["ticket"]);
    }

    [Fact]
    public void Cases_BadJsonlLine_NamesTheLine()
    {
        using var directory = new TempDirectory();
        directory.File("d.jsonl", "{\"id\": \"a\"}\n{\"id\": \"b\",}\n");

        var error = Assert.Throws<KeelConfigurationException>(() => EvalSuiteLoader.Cases(new EvalSuiteConfig { Dataset = "d.jsonl" }, Path.Combine(directory.Path, "s.yaml"), "s.yaml", Context));

        Assert.StartsWith("d.jsonl:2: not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cases_DuplicateIds_AreASuiteError()
    {
        var config = new EvalSuiteConfig { Cases = [new EvalCaseConfig { Id = "a", Input = "q" }, new EvalCaseConfig { Id = "a", Input = "q" }] };

        var error = Assert.Throws<KeelConfigurationException>(() => EvalSuiteLoader.Cases(config, "/tmp/s.yaml", "s.yaml", Context));

        Assert.Contains("id 'a' is used by another case", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cases_TaggedSuiteAssertion_AppliesOnlyToCasesWithTheTag()
    {
        var config = new EvalSuiteConfig
        {
            Cases = [new EvalCaseConfig { Id = "a", Input = "q", Tags = ["answerable"] }, new EvalCaseConfig { Id = "b", Input = "q" }],
            Assert = [new EvalAssertionConfig { Type = "contains", Value = "x", Tags = ["answerable"] }, new EvalAssertionConfig { Type = "is-json" }],
        };

        var cases = EvalSuiteLoader.Cases(config, "/tmp/s.yaml", "s.yaml", Context);

        Assert.Equal(["contains", "is-json"], cases[0].Assertions.Select(a => a.Name));
        Assert.Equal(["is-json"], cases[1].Assertions.Select(a => a.Name));
    }

    [Fact]
    public void Render_MissingVariable_NamesItAndTheCase()
    {
        var error = Assert.Throws<KeelConfigurationException>(() => PromptTemplate.Render("Ticket: {{ ticket }}", new Dictionary<string, string> { ["body"] = "x" }, "c7"));

        Assert.Equal("case 'c7': the prompt uses {{ticket}} but the case has no such variable (body).", error.Message);
        Assert.Equal("Ticket: hi", PromptTemplate.Render("Ticket: {{ ticket }}", new Dictionary<string, string> { ["ticket"] = "hi" }, "c7"));
    }
}
