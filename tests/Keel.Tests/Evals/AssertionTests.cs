using System.Text.Json;
using Keel.Tests.Rag.Search;
using Keel.Tests.Structured;
using Microsoft.Extensions.AI;

namespace Keel.Tests.Evals;

public sealed class AssertionTests
{
    private static readonly AssertionContext Context = new(Path.GetTempPath(), () => new WordEmbedder(), () => throw new InvalidOperationException("no judge in these tests"));

    private static EvalOutput Output(string text, string? expected = null) => new() { CaseId = "c1", Input = "q", Output = text, Expected = expected };

    private static EvalStatus Run(EvalAssertionConfig config, EvalOutput output) =>
        AssertionFactory.Create(config, Context, "test").EvaluateAsync(output, CancellationToken.None).AsTask().GetAwaiter().GetResult().Status;

    private static EvalAssertionConfig A(string type, string? value = null, double? threshold = null, IReadOnlyList<string>? values = null, int? k = null) =>
        new() { Type = type, Value = value, Threshold = threshold, Values = values ?? [], K = k };

    [Theory]
    [InlineData("equals", "billing", " billing\n", "Pass")]
    [InlineData("equals", "billing", "Billing", "Fail")]
    [InlineData("contains", "30 days", "Refunds take 30 days.", "Pass")]
    [InlineData("contains", "30 Days", "Refunds take 30 days.", "Fail")]
    [InlineData("icontains", "30 DAYS", "Refunds take 30 days.", "Pass")]
    [InlineData("regex", @"^\d{3}-\d{4}$", "555-1234", "Pass")]
    [InlineData("regex", @"^\d{3}-\d{4}$", "call 555-1234", "Fail")]
    [InlineData("not-contains", "sorry", "Here you go.", "Pass")]
    [InlineData("not-contains", "sorry", "I am sorry.", "Fail")]
    public void TextAssertions_KnownOutputs_PassOrFail(string type, string value, string output, string expected)
    {
        Assert.Equal(Enum.Parse<EvalStatus>(expected), Run(A(type, value), Output(output)));
    }

    [Fact]
    public void ContainsAnyAndAll_SomeValuesPresent_AnyPassesAllFails()
    {
        var output = Output("red and green");

        Assert.Equal(EvalStatus.Pass, Run(A("contains-any", values: ["blue", "green"]), output));
        Assert.Equal(EvalStatus.Fail, Run(A("contains-all", values: ["blue", "green"]), output));
        Assert.Equal(EvalStatus.Pass, Run(A("icontains-all", values: ["RED", "Green"]), output));
    }

    [Fact]
    public void Equals_NoValue_ComparesWithTheCaseExpectedAnswer_OrErrorsWithoutOne()
    {
        Assert.Equal(EvalStatus.Pass, Run(A("equals"), Output("bug", expected: "bug")));
        Assert.Equal(EvalStatus.Error, Run(A("equals"), Output("bug")));
    }

    [Theory]
    [InlineData("""{"a": 1}""", "Pass")]
    [InlineData("""  [1, 2]  """, "Pass")]
    [InlineData("""{"a": 1,}""", "Fail")]
    [InlineData("""Sure! {"a": 1}""", "Fail")]
    public void IsJson_StrictJson_Only(string output, string expected)
    {
        Assert.Equal(Enum.Parse<EvalStatus>(expected), Run(A("is-json"), Output(output)));
    }

    [Theory]
    [InlineData("""{"category": "bug", "priority": 2}""", "Pass")]
    [InlineData("""{"category": "weather", "priority": 2}""", "Fail")]
    [InlineData("""{"category": "bug"}""", "Fail")]
    [InlineData("""{"category": "bug", "priority": "2"}""", "Fail")]
    public void JsonSchema_InlineSchema_ValidatesWithoutRepairs(string output, string expected)
    {
        const string schema = """{"type":"object","properties":{"category":{"enum":["bug","billing"]},"priority":{"type":"integer"}},"required":["category","priority"]}""";

        Assert.Equal(Enum.Parse<EvalStatus>(expected), Run(A("json-schema", schema), Output(output)));
    }

    [Fact]
    public void Levenshtein_WithinAndBeyondTheDistance()
    {
        Assert.Equal(EvalStatus.Pass, Run(A("levenshtein", "sitting", threshold: 3), Output("kitten")));
        Assert.Equal(EvalStatus.Fail, Run(A("levenshtein", "sitting", threshold: 2), Output("kitten")));
    }

    [Fact]
    public async Task RougeAndBleu_ScoreIsTheMetric_ThresholdDecides()
    {
        var output = Output("The cat sat on the mat.", expected: "the cat is on the mat");
        var rouge = await AssertionFactory.Create(A("rouge-n", threshold: 0.8, k: 1), Context, "t").EvaluateAsync(output, CancellationToken.None);
        var bleu = await AssertionFactory.Create(A("bleu", threshold: 0.71, k: 2), Context, "t").EvaluateAsync(output, CancellationToken.None);
        var rougeL = await AssertionFactory.Create(A("rouge-l", threshold: 0.9), Context, "t").EvaluateAsync(output, CancellationToken.None);

        Assert.Equal((EvalStatus.Pass, 5.0 / 6), (rouge.Status, rouge.Score!.Value));
        Assert.Equal(EvalStatus.Fail, bleu.Status);
        Assert.Equal(Math.Sqrt(0.5), bleu.Score!.Value, 9);
        Assert.Equal(EvalStatus.Fail, rougeL.Status);
    }

    [Fact]
    public async Task Similarity_CosineOfEmbeddings_AgainstThreshold()
    {
        var same = await AssertionFactory.Create(A("similarity", "refund policy", threshold: 0.99), Context, "t").EvaluateAsync(Output("policy refund"), CancellationToken.None);
        var half = await AssertionFactory.Create(A("similarity", "refund policy", threshold: 0.6), Context, "t").EvaluateAsync(Output("refund window"), CancellationToken.None);

        Assert.Equal(EvalStatus.Pass, same.Status);
        Assert.Equal(EvalStatus.Fail, half.Status);
        Assert.Equal(0.5, half.Score!.Value, 6);
    }

    [Fact]
    public async Task Similarity_ConcurrentTrials_EmbedEachReferenceTextOnce()
    {
        var counter = new CountingEmbeddingGenerator();
        var context = Context with { Embedder = () => counter };
        var fixedValue = AssertionFactory.Create(A("similarity", "refund policy"), context, "t");
        var fromExpected = AssertionFactory.Create(A("similarity"), context, "t");
        var outputs = Enumerable.Range(0, 8).Select(i => Output($"answer {i}", expected: i % 2 == 0 ? "thirty days" : "two weeks")).ToList();

        await Task.WhenAll(outputs.Select(o => Task.Run(() => fixedValue.EvaluateAsync(o, TestContext.Current.CancellationToken).AsTask())));
        await Task.WhenAll(outputs.Select(o => Task.Run(() => fromExpected.EvaluateAsync(o, TestContext.Current.CancellationToken).AsTask())));

        Assert.Equal((8 + 1) + (8 + 2), counter.Texts); // every output, and each distinct reference once
    }

    [Fact]
    public async Task Similarity_ReferenceEmbeddingFailed_IsErrorAndTheNextTrialAsksAgain()
    {
        var embedder = new FailingFirstCallEmbedder();
        var assertion = AssertionFactory.Create(A("similarity", "refund policy", threshold: 0.99), Context with { Embedder = () => embedder }, "t");

        var failed = await assertion.EvaluateAsync(Output("policy refund"), TestContext.Current.CancellationToken);
        var retried = await assertion.EvaluateAsync(Output("policy refund"), TestContext.Current.CancellationToken);

        Assert.Equal((EvalStatus.Error, EvalStatus.Pass), (failed.Status, retried.Status));
        Assert.StartsWith("the embedding call failed: ", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_WithinOverAndUnreported()
    {
        var output = Output("x") with { Latency = TimeSpan.FromMilliseconds(120), InputTokens = 40, OutputTokens = 20, CostUsd = 0.002m };

        Assert.Equal(EvalStatus.Pass, Run(A("latency", threshold: 200), output));
        Assert.Equal(EvalStatus.Fail, Run(A("latency", threshold: 100), output));
        Assert.Equal(EvalStatus.Pass, Run(A("tokens", threshold: 60), output));
        Assert.Equal(EvalStatus.Fail, Run(A("tokens", threshold: 59), output));
        Assert.Equal(EvalStatus.Fail, Run(A("cost", threshold: 0.001), output));
        Assert.Equal(EvalStatus.Error, Run(A("cost", threshold: 0.001), Output("x")));
    }

    [Fact]
    public void ToolCallValid_DeclaredToolAndSchemaValidArguments_Passes_OthersFail()
    {
        var tool = AIFunctionFactory.CreateDeclaration("lookup_order", "", JsonDocument.Parse("""{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}""").RootElement);
        EvalOutput WithCall(string name, Dictionary<string, object?> args) => Output("") with
        {
            Tools = [tool],
            Response = new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("1", name, args)])),
        };

        Assert.Equal(EvalStatus.Pass, Run(A("tool-call-valid"), WithCall("lookup_order", new() { ["order_id"] = "A-1" })));
        Assert.Equal(EvalStatus.Fail, Run(A("tool-call-valid"), WithCall("lookup_order", new() { ["order_id"] = 7 })));
        Assert.Equal(EvalStatus.Fail, Run(A("tool-call-valid"), WithCall("lookup_order", [])));
        Assert.Equal(EvalStatus.Fail, Run(A("tool-call-valid"), WithCall("delete_order", new() { ["order_id"] = "A-1" })));
        Assert.Equal(EvalStatus.Pass, Run(A("tool-call-valid"), Output("no tools used")));
        Assert.Equal(EvalStatus.Fail, Run(A("tool-call-valid", "required"), Output("no tools used")));
    }

    [Fact]
    public async Task ToolCallValid_TwoTargetsDeclareTheSameToolNameDifferently_EachCallIsCheckedAgainstItsOwnDeclaration()
    {
        var assertion = AssertionFactory.Create(A("tool-call-valid"), Context, "test"); // a suite-level assertion is shared by every target
        EvalOutput WithCall(string type) => Output("") with
        {
            Tools = [AIFunctionFactory.CreateDeclaration("lookup", "", JsonDocument.Parse("""{"type":"object","properties":{"id":{"type":"TYPE"}},"required":["id"]}""".Replace("TYPE", type, StringComparison.Ordinal)).RootElement)],
            Response = new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("1", "lookup", new Dictionary<string, object?> { ["id"] = 7 })])),
        };

        var byString = await assertion.EvaluateAsync(WithCall("string"), TestContext.Current.CancellationToken);
        var byInteger = await assertion.EvaluateAsync(WithCall("integer"), TestContext.Current.CancellationToken);

        Assert.Equal((EvalStatus.Fail, EvalStatus.Pass), (byString.Status, byInteger.Status));
    }

    [Fact]
    public void ToolTrajectory_OrderedAndUnordered()
    {
        var output = Output("") with
        {
            Response = new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("1", "search", null), new FunctionCallContent("2", "book", null)])),
        };

        Assert.Equal(EvalStatus.Pass, Run(A("tool-trajectory", values: ["search", "book"]), output));
        Assert.Equal(EvalStatus.Fail, Run(A("tool-trajectory", values: ["book", "search"]), output));
        Assert.Equal(EvalStatus.Pass, Run(A("tool-trajectory", values: ["book", "search"]) with { Ordered = false }, output));
        Assert.Equal(EvalStatus.Fail, Run(A("tool-trajectory", values: ["search"]) with { Ordered = false }, output));
    }

    [Fact]
    public async Task RetrievalMetrics_ExpectedSourceAtRankThree_KnownScores()
    {
        var output = Output("") with { RetrievedSources = ["docs/a.md", "docs/b.md", "docs/faq.txt", "docs/c.md"], ExpectedSources = ["faq.txt"] };

        var mrr = await AssertionFactory.Create(A("mrr", threshold: 0.3), Context, "t").EvaluateAsync(output, CancellationToken.None);
        var ndcg = await AssertionFactory.Create(A("ndcg", threshold: 0.6), Context, "t").EvaluateAsync(output, CancellationToken.None);
        var recallAt2 = await AssertionFactory.Create(A("recall", k: 2), Context, "t").EvaluateAsync(output, CancellationToken.None);

        Assert.Equal((EvalStatus.Pass, 1.0 / 3), (mrr.Status, mrr.Score!.Value));
        Assert.Equal((EvalStatus.Fail, 0.5), (ndcg.Status, ndcg.Score!.Value));
        Assert.Equal((EvalStatus.Fail, 0.0), (recallAt2.Status, recallAt2.Score!.Value));
    }

    [Fact]
    public void Citations_MarksMustResolve_AndTheExpectedSourceMustBeCited()
    {
        var citations = new Dictionary<int, string> { [1] = "samples/docs/faq.txt", [2] = "samples/docs/security.md" };
        var good = Output("Support is open on weekdays [1]. Codes are ten [2].") with { Citations = citations, ExpectedSources = ["faq.txt"], Abstained = false };
        var dangling = good with { Output = "Support is open on weekdays [3]." };
        var uncited = good with { Output = "Support is open on weekdays." };

        Assert.Equal(EvalStatus.Pass, Run(A("citations-valid"), good));
        Assert.Equal(EvalStatus.Fail, Run(A("citations-valid"), dangling));
        Assert.Equal(EvalStatus.Fail, Run(A("citations-valid"), uncited));
        Assert.Equal(EvalStatus.Pass, Run(A("cites-source"), good));
        Assert.Equal(EvalStatus.Fail, Run(A("cites-source"), good with { ExpectedSources = ["plans-and-pricing.md"] }));
    }

    [Fact]
    public void Abstains_MatchesTheCaseExpectation()
    {
        Assert.Equal(EvalStatus.Pass, Run(A("abstains"), Output("not found") with { Abstained = true, ExpectAbstain = true }));
        Assert.Equal(EvalStatus.Fail, Run(A("abstains"), Output("not found") with { Abstained = true }));
        Assert.Equal(EvalStatus.Fail, Run(A("abstains"), Output("the answer") with { Abstained = false, ExpectAbstain = true }));
        Assert.Equal(EvalStatus.Error, Run(A("abstains"), Output("a model output")));
    }

    [Fact]
    public void Create_JudgeType_AsksTheContextForTheJudge_AndAMissingSettingIsASuiteError()
    {
        var judged = new AssertionContext(Path.GetTempPath(), () => new WordEmbedder(), () => new ScriptedChatClient((_, _) => throw new InvalidOperationException("not called")));

        var noJudge = Assert.Throws<InvalidOperationException>(() => AssertionFactory.Create(A("rubric", "fits"), Context, "suite.yaml: assert[0]"));
        var rubric = AssertionFactory.Create(A("rubric", "fits"), judged, "suite.yaml: assert[0]");
        var missing = Assert.Throws<KeelConfigurationException>(() => AssertionFactory.Create(A("rubric"), judged, "suite.yaml: assert[0]"));

        Assert.Equal("no judge in these tests", noJudge.Message);
        Assert.IsType<RubricJudge>(rubric);
        Assert.Equal("suite.yaml: assert[0]: rubric: missing setting 'rubric': the rubric the output is graded against.", missing.Message);
    }

    [Fact]
    public void Create_BadRegexOrMissingLimit_IsASuiteError()
    {
        Assert.Contains("not a valid regular expression", Assert.Throws<KeelConfigurationException>(() => AssertionFactory.Create(A("regex", "(unclosed"), Context, "s")).Message, StringComparison.Ordinal);
        Assert.Contains("threshold: expected the limit for latency", Assert.Throws<KeelConfigurationException>(() => AssertionFactory.Create(A("latency"), Context, "s")).Message, StringComparison.Ordinal);
    }

    /// <summary>Bag-of-words vectors over a fixed vocabulary: cosine is known by hand.</summary>
    private sealed class FailingFirstCallEmbedder() : DelegatingEmbeddingGenerator<string, Embedding<float>>(new WordEmbedder())
    {
        private int _calls;

        public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _calls) == 1
                ? Task.FromException<GeneratedEmbeddings<Embedding<float>>>(new ModelCallException(ModelErrorKind.ServerError, "the provider answered 503"))
                : base.GenerateAsync(values, options, cancellationToken);
    }

    private sealed class WordEmbedder : IEmbeddingGenerator<string, Embedding<float>>
    {
        private static readonly string[] Vocabulary = ["refund", "policy", "window"];

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v =>
                new Embedding<float>(Vocabulary.Select(w => v.Contains(w, StringComparison.Ordinal) ? 1f : 0f).ToArray()))));

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
