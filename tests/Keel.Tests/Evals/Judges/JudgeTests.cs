using Keel.Tests.Structured;
using Microsoft.Extensions.AI;

namespace Keel.Tests.Evals.Judges;

/// <summary>Each judge against a scripted judge model: what it asks, how it scores, and that a bad verdict or a failed
/// call is an ERROR, never a PASS or a FAIL.</summary>
public sealed class JudgeTests
{
    private static readonly EvalOutput Case = new()
    {
        CaseId = "c1",
        Input = "How long are deleted files kept?",
        Output = "Deleted files are kept for 60 days. You can restore them from the trash.",
        Expected = "Deleted files stay in the trash for 60 days and can be restored until then.",
        Contexts = ["Deleted files stay in the trash for 60 days.", "The trash can be emptied by an admin.", "Files in the trash can be restored."],
    };

    private static ScriptedChatClient Judge(params string[] replies)
    {
        var next = 0;
        return new ScriptedChatClient((_, _) => ScriptedChatClient.Reply(replies[Math.Min(next++, replies.Length - 1)]));
    }

    private static IEvalAssertion Create(string type, IChatClient judge, params (string Key, object? Value)[] settings) =>
        JudgeAssertions.Create(type, settings.ToDictionary(s => s.Key, s => s.Value), judge);

    private static Task<AssertionResult> Evaluate(IEvalAssertion assertion, EvalOutput? output = null) =>
        assertion.EvaluateAsync(output ?? Case, TestContext.Current.CancellationToken).AsTask();

    [Fact]
    public async Task Rubric_PassingVerdict_PassesWithTheJudgesScoreAndReason()
    {
        var judge = Judge("""{"reason": "States the 60-day period.", "pass": true, "score": 0.9}""");

        var result = await Evaluate(Create("rubric", judge, ("rubric", "Says how long files are kept")));

        Assert.Equal((EvalStatus.Pass, 0.9), (result.Status, result.Score));
        Assert.Equal("the judge passed it (score 0.90): States the 60-day period.", result.Reason);
        Assert.False(result.JudgeParseFailed);
        var (messages, options) = Assert.Single(judge.Calls);
        Assert.Equal(0f, options!.Temperature);
        Assert.Equal(ChatRole.System, messages[0].Role);
        Assert.Contains("<output>\nDeleted files are kept for 60 days.", messages[^1].Text, StringComparison.Ordinal);
        Assert.Contains("<rubric>\nSays how long files are kept\n</rubric>", messages[^1].Text, StringComparison.Ordinal);
        Assert.Contains("<input>\nHow long are deleted files kept?\n</input>", messages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rubric_FailingVerdict_Fails()
    {
        var result = await Evaluate(Create("rubric", Judge("""{"reason": "Never mentions pricing.", "pass": false, "score": 0.1}"""), ("value", "Mentions the price")));

        Assert.Equal((EvalStatus.Fail, 0.1), (result.Status, result.Score));
        Assert.Contains("Never mentions pricing.", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rubric_PassBelowTheThreshold_Fails()
    {
        var result = await Evaluate(Create("rubric", Judge("""{"reason": "Partly.", "pass": true, "score": 0.6}"""), ("rubric", "x"), ("threshold", 0.8)));

        Assert.Equal(EvalStatus.Fail, result.Status);
        Assert.Equal("the judge passed it but its score 0.60 < 0.80: Partly.", result.Reason);
    }

    [Theory]
    [InlineData("The output looks good to me, I would pass it.")]
    [InlineData("""{"reason": "ok", "pass": true, "score": 7}""")]
    [InlineData("""{"reason": "ok", "verdict": "pass"}""")]
    public async Task AnyJudge_VerdictThatNeverParses_IsAnErrorFlaggedAsParseFailure(string reply)
    {
        var judge = Judge(reply);

        var result = await Evaluate(Create("rubric", judge, ("rubric", "x")));

        Assert.Equal(EvalStatus.Error, result.Status);
        Assert.True(result.JudgeParseFailed);
        Assert.Null(result.Score);
        Assert.StartsWith("rubric: the judge's verdict could not be read after 2 attempt(s)", result.Reason, StringComparison.Ordinal);
        Assert.Equal(2, judge.Calls.Count); // the first answer and one re-ask (max_reasks: 1)
    }

    [Fact]
    public async Task AnyJudge_BadVerdictThenGoodOneAfterTheReask_Passes()
    {
        var judge = Judge("pass!", """{"reason": "Fine.", "pass": true, "score": 1}""");

        var result = await Evaluate(Create("rubric", judge, ("rubric", "x"), ("max_reasks", 2)));

        Assert.Equal(EvalStatus.Pass, result.Status);
        Assert.Equal(2, judge.Calls.Count);
    }

    [Fact]
    public async Task AnyJudge_TransportError_IsAnErrorNeverAFail()
    {
        var judge = new ScriptedChatClient((_, _) => throw new ModelCallException(ModelErrorKind.ServerError, "judge (openai): the provider failed (HTTP 503).") { StatusCode = 503 });

        foreach (var type in JudgeAssertions.Types)
        {
            var result = await Evaluate(Create(type, judge, type switch { "rubric" => ("rubric", "x"), "g-eval" => ("criteria", "x"), _ => ("name", type) }));

            Assert.Equal(EvalStatus.Error, result.Status);
            Assert.False(result.JudgeParseFailed);
            Assert.Equal($"{type}: the judge model failed, so the output was not graded: judge (openai): the provider failed (HTTP 503).", result.Reason);
        }
    }

    [Fact]
    public async Task AnyJudge_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var judge = new ScriptedChatClient((_, _) => throw new OperationCanceledException(cancellation.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Create("rubric", judge, ("rubric", "x")).EvaluateAsync(Case, cancellation.Token).AsTask());
    }

    [Fact]
    public async Task GEval_GeneratesStepsOnceThenScoresEveryCaseWithThem()
    {
        var judge = new ScriptedChatClient((messages, _) => ScriptedChatClient.Reply(messages[0].Text.Contains("design an evaluation procedure", StringComparison.Ordinal)
            ? """{"steps": ["Check the period is stated.", "Check it matches the context."]}"""
            : """{"reason": "Clear and correct.", "score": 4}"""));
        var assertion = Create("g-eval", judge, ("criteria", "Correctness of the retention period"));

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Evaluate(assertion)));

        Assert.All(results, r => Assert.Equal((EvalStatus.Pass, 0.75), (r.Status, r.Score)));
        Assert.Equal("0.75 ≥ 0.50: 4/5: Clear and correct.", results[0].Reason);
        Assert.Equal(6, judge.Calls.Count);
        Assert.Single(judge.Calls, c => c.Messages[0].Text.Contains("design an evaluation procedure", StringComparison.Ordinal));
        Assert.Contains("1. Check the period is stated.\n2. Check it matches the context.", judge.Calls[^1].Messages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GEval_GivenSteps_SkipsGenerationAndLowScoreFails()
    {
        var judge = Judge("""{"reason": "Wrong period.", "score": 2}""");

        var result = await Evaluate(Create("g-eval", judge, ("value", "Correctness"), ("steps", "1. Compare the period\n2. Penalise errors")));

        Assert.Equal((EvalStatus.Fail, 0.25), (result.Status, result.Score));
        var material = Assert.Single(judge.Calls).Messages[^1].Text;
        Assert.Contains("1. Compare the period\n2. Penalise errors", material, StringComparison.Ordinal);
        Assert.Contains("<expected_output>", material, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GEval_StepGenerationFails_ThatCaseErrorsAndTheNextRetries()
    {
        var calls = 0;
        var judge = new ScriptedChatClient((messages, _) => ++calls == 1
            ? throw new ModelCallException(ModelErrorKind.Timeout, "judge: timed out")
            : ScriptedChatClient.Reply(messages[0].Text.Contains("design an evaluation procedure", StringComparison.Ordinal) ? """{"steps": ["Look."]}""" : """{"reason": "Great.", "score": 5}"""));
        var assertion = Create("g-eval", judge, ("criteria", "x"));

        var first = await Evaluate(assertion);
        var second = await Evaluate(assertion);

        Assert.Equal(EvalStatus.Error, first.Status);
        Assert.Equal((EvalStatus.Pass, 1.0), (second.Status, second.Score));
    }

    [Fact]
    public async Task Faithfulness_OneUnsupportedClaim_ScoresTheSupportedShare()
    {
        var judge = Judge("""
            {"statements": [
              {"statement": "Deleted files are kept for 60 days.", "reason": "[1] says so.", "supported": true},
              {"statement": "Deleted files can be restored from the trash.", "reason": "[3].", "supported": true},
              {"statement": "Restoring is free.", "reason": "Not in the context.", "supported": false}
            ]}
            """);

        var result = await Evaluate(Create("faithfulness", judge));

        Assert.Equal(EvalStatus.Fail, result.Status);
        Assert.Equal(2.0 / 3, result.Score!.Value, 6);
        Assert.Equal("0.67 < 0.80: 2 of 3 statements supported by the contexts; unsupported: \"Restoring is free.\" (Not in the context.)", result.Reason);
        Assert.Contains("<context>\n[1] Deleted files stay in the trash for 60 days.\n[2] The trash", judge.Calls[0].Messages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Faithfulness_AllSupportedOrNoClaims_Passes()
    {
        var all = await Evaluate(Create("faithfulness", Judge("""{"statements": [{"statement": "a", "reason": "r", "supported": true}]}""")));
        var none = await Evaluate(Create("faithfulness", Judge("""{"statements": []}""")));

        Assert.Equal((EvalStatus.Pass, 1.0), (all.Status, all.Score));
        Assert.Equal((EvalStatus.Pass, 1.0), (none.Status, none.Score));
    }

    [Theory]
    [InlineData("faithfulness", "contexts")]
    [InlineData("context-precision", "contexts")]
    [InlineData("context-recall", "contexts")]
    public async Task ContextJudges_CaseWithoutContexts_IsAnErrorWithoutCallingTheJudge(string type, string what)
    {
        var judge = Judge("{}");

        var result = await Evaluate(Create(type, judge), Case with { Contexts = [] });

        Assert.Equal(EvalStatus.Error, result.Status);
        Assert.StartsWith($"{type}: the case has no {what}", result.Reason, StringComparison.Ordinal);
        Assert.Empty(judge.Calls);
    }

    [Theory]
    [InlineData("context-precision")]
    [InlineData("context-recall")]
    public async Task ReferenceJudges_CaseWithoutExpected_IsAnError(string type)
    {
        var result = await Evaluate(Create(type, Judge("{}")), Case with { Expected = null });

        Assert.Equal(EvalStatus.Error, result.Status);
        Assert.Contains("no expected answer", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerRelevance_RelevantStatements_Pass_NoncommittalFails()
    {
        var relevant = await Evaluate(Create("answer-relevance", Judge("""{"noncommittal": false, "statements": [{"statement": "Kept 60 days.", "reason": "Answers it.", "relevant": true}, {"statement": "Restorable.", "reason": "Related.", "relevant": true}]}""")));
        var evasive = await Evaluate(Create("answer-relevance", Judge("""{"noncommittal": true, "statements": [{"statement": "I am not sure.", "reason": "Evasive.", "relevant": false}]}""")));
        var offTopic = await Evaluate(Create("answer-relevance", Judge("""{"noncommittal": false, "statements": [{"statement": "Kept 60 days.", "reason": "ok", "relevant": true}, {"statement": "Our office is in Oslo.", "reason": "Unrelated.", "relevant": false}]}""")));

        Assert.Equal((EvalStatus.Pass, 1.0), (relevant.Status, relevant.Score));
        Assert.Equal((EvalStatus.Fail, 0.0), (evasive.Status, evasive.Score));
        Assert.Equal("0.00 < 0.70: the answer is noncommittal", evasive.Reason);
        Assert.Equal((EvalStatus.Fail, 0.5), (offTopic.Status, offTopic.Score));
        Assert.Contains("off the question: \"Our office is in Oslo.\" (Unrelated.)", offTopic.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { false, true, true }, (0.5 + (2.0 / 3)) / 2, "2, 3")]
    [InlineData(new[] { true, false, false }, 1.0, "1")]
    [InlineData(new[] { true, false, true }, (1 + (2.0 / 3)) / 2, "1, 3")]
    public async Task ContextPrecision_OneVerdictPerContext_ScoresAveragePrecision(bool[] useful, double expected, string ranks)
    {
        var next = 0;
        var judge = new ScriptedChatClient((_, _) => ScriptedChatClient.Reply($$"""{"reason": "r", "useful": {{(useful[next++] ? "true" : "false")}}}"""));

        var result = await Evaluate(Create("context-precision", judge));

        Assert.Equal(expected, result.Score!.Value, 9);
        Assert.Equal(3, judge.Calls.Count);
        Assert.Contains($"useful contexts at rank {ranks} of 3", result.Reason, StringComparison.Ordinal);
        Assert.Contains("<passage>\nThe trash can be emptied by an admin.\n</passage>", judge.Calls[1].Messages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContextPrecision_NoUsefulContext_ScoresZero()
    {
        var result = await Evaluate(Create("context-precision", Judge("""{"reason": "Off topic.", "useful": false}""")));

        Assert.Equal((EvalStatus.Fail, 0.0), (result.Status, result.Score));
    }

    [Fact]
    public async Task ContextRecall_HalfTheReferenceFound_Fails()
    {
        var judge = Judge("""{"statements": [{"statement": "Files stay 60 days.", "reason": "[1]", "attributed": true}, {"statement": "They can be restored until then.", "reason": "No time limit given.", "attributed": false}]}""");

        var result = await Evaluate(Create("context-recall", judge, ("threshold", "0.7")));

        Assert.Equal((EvalStatus.Fail, 0.5), (result.Status, result.Score));
        Assert.Equal("0.50 < 0.70: 1 of 2 expected statements found in the contexts; missing: \"They can be restored until then.\" (No time limit given.)", result.Reason);
        Assert.Contains("<reference_answer>\nDeleted files stay in the trash for 60 days", judge.Calls[0].Messages[^1].Text, StringComparison.Ordinal);
    }
}
