using Keel.Tests.Structured;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Keel.Tests.Evals.Judges;

public sealed class EvalAssertionEvaluatorTests
{
    private static readonly ChatMessage[] Conversation = [new(ChatRole.System, "Be brief."), new(ChatRole.User, "How long are deleted files kept?")];
    private static readonly ChatResponse Answer = new(new ChatMessage(ChatRole.Assistant, "60 days."));

    [Fact]
    public async Task Evaluate_PassingJudge_IsANumericMetricRatedGood()
    {
        var judge = new ScriptedChatClient((_, _) => ScriptedChatClient.Reply("""{"reason": "Correct.", "pass": true, "score": 0.8}"""));
        var evaluator = new EvalAssertionEvaluator(JudgeAssertions.Create("rubric", new Dictionary<string, object?> { ["rubric"] = "Gives the period" }, judge));

        var result = await evaluator.EvaluateAsync(Conversation, Answer, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["rubric"], ((IEvaluator)evaluator).EvaluationMetricNames);
        var metric = result.Get<NumericMetric>("rubric");
        Assert.Equal(0.8, metric.Value);
        Assert.Equal((EvaluationRating.Good, false), (metric.Interpretation!.Rating, metric.Interpretation.Failed));
        Assert.Equal("pass", metric.Metadata!["keel.status"]);
        Assert.Contains("<input>\nHow long are deleted files kept?\n</input>", judge.Calls[0].Messages[^1].Text, StringComparison.Ordinal);
        Assert.Contains("<output>\n60 days.\n</output>", judge.Calls[0].Messages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_UnparseableVerdict_IsAnInconclusiveMetricWithAnErrorDiagnostic()
    {
        var judge = new ScriptedChatClient((_, _) => ScriptedChatClient.Reply("no idea"));
        var evaluator = new EvalAssertionEvaluator(JudgeAssertions.Create("rubric", new Dictionary<string, object?> { ["rubric"] = "x" }, judge));

        var result = await evaluator.EvaluateAsync(Conversation, Answer, cancellationToken: TestContext.Current.CancellationToken);

        var metric = result.Metrics["rubric"];
        Assert.Null(((BooleanMetric)metric).Value);
        Assert.Equal((EvaluationRating.Inconclusive, true), (metric.Interpretation!.Rating, metric.Interpretation.Failed));
        Assert.Contains(metric.Diagnostics!, d => d.Severity == EvaluationDiagnosticSeverity.Error && d.Message.Contains("could not be read", StringComparison.Ordinal));
        Assert.Equal(("error", "true"), (metric.Metadata!["keel.status"], metric.Metadata["keel.judge_parse_failed"]));
    }

    [Fact]
    public async Task Evaluate_ExpectedAndContexts_ReachTheAssertion()
    {
        var judge = new ScriptedChatClient((_, _) => ScriptedChatClient.Reply("""{"statements": [{"statement": "Kept 60 days.", "reason": "[2]", "attributed": true}]}"""));
        var evaluator = new EvalAssertionEvaluator(JudgeAssertions.Create("context-recall", new Dictionary<string, object?>(), judge));

        var result = await evaluator.EvaluateAsync(
            Conversation,
            Answer,
            additionalContext: [EvalAssertionEvaluator.Expected("Files are kept 60 days."), EvalAssertionEvaluator.Contexts(["Trash basics.", "Files stay 60 days."])],
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1.0, result.Get<NumericMetric>("context-recall").Value);
        var material = judge.Calls[0].Messages[^1].Text;
        Assert.Contains("[1] Trash basics.\n[2] Files stay 60 days.", material, StringComparison.Ordinal);
        Assert.Contains("<reference_answer>\nFiles are kept 60 days.\n</reference_answer>", material, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_DeterministicAssertionWithoutScore_IsABooleanMetric()
    {
        var evaluator = new EvalAssertionEvaluator(new EndsWithPeriod());

        var pass = await evaluator.EvaluateAsync(Conversation, Answer, cancellationToken: TestContext.Current.CancellationToken);
        var fail = await evaluator.EvaluateAsync(Conversation, new ChatResponse(new ChatMessage(ChatRole.Assistant, "60 days")), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(pass.Get<BooleanMetric>("ends-with-period").Value);
        var failed = fail.Get<BooleanMetric>("ends-with-period");
        Assert.False(failed.Value);
        Assert.Equal((EvaluationRating.Unacceptable, true, "no final period"), (failed.Interpretation!.Rating, failed.Interpretation.Failed, failed.Reason));
    }

    private sealed class EndsWithPeriod : IEvalAssertion
    {
        public string Name => "ends-with-period";

        public ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken) =>
            ValueTask.FromResult(output.Output.EndsWith('.') ? AssertionResult.Pass("ends with a period") : AssertionResult.Fail("no final period"));
    }
}
