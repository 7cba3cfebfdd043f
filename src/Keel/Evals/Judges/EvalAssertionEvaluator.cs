using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Keel;

/// <summary>Any Keel assertion as a Microsoft.Extensions.AI.Evaluation <see cref="IEvaluator"/>, for use with MEAI's
/// evaluation tooling: one metric named after the assertion.</summary>
/// <remarks>The input is the last user message (all messages when there is none), the output the response's text.
/// <see cref="EvaluationContext"/>s named <see cref="ExpectedContextName"/> (or MEAI's "Ground Truth") give the expected
/// answer, and those named <see cref="ContextsContextName"/> (or MEAI's "Grounding Context" and "Retrieved Context
/// Chunks") give the contexts, one per text content. The metric is a <see cref="NumericMetric"/> when the assertion has a
/// score, else a <see cref="BooleanMetric"/>. PASS is rated Good, FAIL Unacceptable (failed); ERROR has no value, an error
/// diagnostic and is rated Inconclusive (failed, as MEAI treats a metric it could not compute). Metadata
/// <c>keel.status</c> is pass, fail or error; <c>keel.judge_parse_failed</c> is set when a judge's verdict did not parse.</remarks>
internal sealed class EvalAssertionEvaluator(IEvalAssertion assertion) : IEvaluator
{
    public const string ExpectedContextName = "Expected";
    public const string ContextsContextName = "Contexts";

    private static readonly string[] ExpectedNames = [ExpectedContextName, "Ground Truth"];
    private static readonly string[] ContextsNames = [ContextsContextName, "Grounding Context", "Retrieved Context Chunks"];

    public IReadOnlyCollection<string> EvaluationMetricNames => [assertion.Name];

    /// <summary>An expected answer for <see cref="EvaluateAsync"/>.</summary>
    public static EvaluationContext Expected(string expected) => new TextContext(ExpectedContextName, [expected]);

    /// <summary>Retrieved passages for <see cref="EvaluateAsync"/>, in rank order.</summary>
    public static EvaluationContext Contexts(IEnumerable<string> contexts) => new TextContext(ContextsContextName, contexts);

    public async ValueTask<EvaluationResult> EvaluateAsync(IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null, IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(modelResponse);
        var history = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var contexts = additionalContext?.ToList() ?? [];
        var output = new EvalOutput
        {
            CaseId = "meai",
            Input = history.TryGetUserRequest(out var request) ? request.Text : history.RenderText(),
            Output = modelResponse.Text,
            Expected = contexts.Where(c => ExpectedNames.Contains(c.Name)).Select(Text).FirstOrDefault(),
            Contexts = [.. contexts.Where(c => ContextsNames.Contains(c.Name)).SelectMany(c => c.Contents.OfType<TextContent>().Select(t => t.Text))],
            Response = modelResponse,
            InputTokens = modelResponse.Usage?.InputTokenCount,
            OutputTokens = modelResponse.Usage?.OutputTokenCount,
        };

        var result = await assertion.EvaluateAsync(output, cancellationToken).ConfigureAwait(false);
        return new EvaluationResult(ToMetric(assertion.Name, result));
    }

    private static EvaluationMetric ToMetric(string name, AssertionResult result)
    {
        var error = result.Status == AssertionStatus.Error;
        EvaluationMetric metric = result.Score is { } score
            ? new NumericMetric(name, error ? null : score, result.Reason)
            : new BooleanMetric(name, error ? null : result.Status == AssertionStatus.Pass, result.Reason);
        metric.Interpretation = result.Status switch
        {
            AssertionStatus.Pass => new EvaluationMetricInterpretation(EvaluationRating.Good, failed: false, result.Reason),
            AssertionStatus.Fail => new EvaluationMetricInterpretation(EvaluationRating.Unacceptable, failed: true, result.Reason),
            _ => new EvaluationMetricInterpretation(EvaluationRating.Inconclusive, failed: true, result.Reason),
        };
        if (error)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error(result.Reason));
        }

        metric.AddOrUpdateMetadata("keel.status", result.Status.ToString().ToLowerInvariant());
        if (result.JudgeParseFailed)
        {
            metric.AddOrUpdateMetadata("keel.judge_parse_failed", "true");
        }

        return metric;
    }

    private static string Text(EvaluationContext context) => string.Join("\n", context.Contents.OfType<TextContent>().Select(t => t.Text));

    private sealed class TextContext(string name, IEnumerable<string> texts) : EvaluationContext(name, texts.Select(t => (AIContent)new TextContent(t)));
}
