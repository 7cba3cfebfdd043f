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
public sealed class EvalAssertionEvaluator : IEvaluator
{
    /// <summary>The name of the <see cref="EvaluationContext"/> that gives the expected answer.</summary>
    public const string ExpectedContextName = "Expected";

    /// <summary>The name of the <see cref="EvaluationContext"/> that gives the retrieved passages.</summary>
    public const string ContextsContextName = "Contexts";

    private static readonly string[] ExpectedNames = [ExpectedContextName, "Ground Truth"];
    private static readonly string[] ContextsNames = [ContextsContextName, "Grounding Context", "Retrieved Context Chunks"];

    /// <summary>The judge of the evaluation under way, from its <see cref="ChatConfiguration"/>.</summary>
    private static readonly AsyncLocal<IChatClient?> EvaluationJudge = new();

    private readonly IEvalAssertion _assertion;

    internal EvalAssertionEvaluator(IEvalAssertion assertion) => _assertion = assertion;

    /// <inheritdoc/>
    public IReadOnlyCollection<string> EvaluationMetricNames => [_assertion.Name];

    /// <summary>Builds an evaluator from one assertion written as in an eval suite's <c>assert:</c> list, e.g.
    /// <c>{type: contains, value: "60 days"}</c>, <c>{type: rouge-l, value: "…", threshold: 0.4}</c> or
    /// <c>{type: rubric, value: "Names the retention period"}</c>. The assertion types and their settings are those of
    /// suites (docs/evals.md).</summary>
    /// <param name="assertion">The assertion in YAML (flow or block style).</param>
    /// <param name="judge">The judge model of the model-graded types (rubric, g-eval, faithfulness, answer-relevance,
    /// context-precision, context-recall); when not given, the <see cref="ChatConfiguration"/> passed to
    /// <see cref="EvaluateAsync"/> gives it, as it does for MEAI's own evaluators.</param>
    /// <param name="embedder">The embedding generator of <c>similarity</c>; the bundled local model when not given.</param>
    /// <param name="baseDirectory">Where a schema file named by <c>json-schema</c> is found; the working directory when not given.</param>
    /// <exception cref="KeelConfigurationException">The YAML is malformed, the type is unknown, or a setting is missing
    /// or wrong; the message says which and what was expected.</exception>
    public static EvalAssertionEvaluator Create(string assertion, IChatClient? judge = null, IEmbeddingGenerator<string, Embedding<float>>? embedder = null, string? baseDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assertion);
        var localEmbedder = new Lazy<IEmbeddingGenerator<string, Embedding<float>>>(() => new LocalEmbeddingGenerator());
        var context = new AssertionContext(
            Path.GetFullPath(baseDirectory ?? "."),
            () => embedder ?? localEmbedder.Value,
            () => judge ?? new ConfiguredJudge());
        return new EvalAssertionEvaluator(EvalSuiteLoader.Assertion(assertion, context));
    }

    /// <summary>An expected answer for <see cref="EvaluateAsync"/>.</summary>
    public static EvaluationContext Expected(string expected) => new TextContext(ExpectedContextName, [expected]);

    /// <summary>Retrieved passages for <see cref="EvaluateAsync"/>, in rank order.</summary>
    public static EvaluationContext Contexts(IEnumerable<string> contexts) => new TextContext(ContextsContextName, contexts);

    /// <inheritdoc/>
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

        EvaluationJudge.Value = chatConfiguration?.ChatClient;
        var result = await _assertion.EvaluateAsync(output, cancellationToken).ConfigureAwait(false);
        return new EvaluationResult(ToMetric(_assertion.Name, result));
    }

    private static EvaluationMetric ToMetric(string name, AssertionResult result)
    {
        var error = result.Status == EvalStatus.Error;
        EvaluationMetric metric = result.Score is { } score
            ? new NumericMetric(name, error ? null : score, result.Reason)
            : new BooleanMetric(name, error ? null : result.Status == EvalStatus.Pass, result.Reason);
        metric.Interpretation = result.Status switch
        {
            EvalStatus.Pass => new EvaluationMetricInterpretation(EvaluationRating.Good, failed: false, result.Reason),
            EvalStatus.Fail => new EvaluationMetricInterpretation(EvaluationRating.Unacceptable, failed: true, result.Reason),
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

    /// <summary>The judge a model-graded assertion calls when <see cref="Create"/> was given none: the chat client of
    /// the <see cref="ChatConfiguration"/> of the evaluation under way (an async-local, so concurrent evaluations with
    /// different configurations do not mix).</summary>
    private sealed class ConfiguredJudge : IChatClient
    {
        private static IChatClient Current => EvaluationJudge.Value
            ?? throw new InvalidOperationException("This assertion is model-graded and has no judge: pass one to EvalAssertionEvaluator.Create, or a ChatConfiguration to EvaluateAsync.");

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Current.GetResponseAsync(messages, options, cancellationToken);

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Current.GetStreamingResponseAsync(messages, options, cancellationToken);

        public object? GetService(Type serviceType, object? serviceKey = null) => EvaluationJudge.Value?.GetService(serviceType, serviceKey);

        public void Dispose()
        {
        }
    }

    private sealed class TextContext(string name, IEnumerable<string> texts) : EvaluationContext(name, texts.Select(t => (AIContent)new TextContent(t)));
}
