using System.Globalization;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>One model answering the suite's prompt, rendered with each case's variables by <paramref name="render"/>
/// (inline messages, or a prompt file rendered when the suite was built).</summary>
internal sealed class ModelEvalTarget(
    string name,
    string model,
    IChatClient client,
    Func<EvalCase, IList<ChatMessage>> render,
    ChatOptions options,
    EvalCallCache? cache,
    TimeProvider timeProvider) : IEvalTarget
{
    private readonly IReadOnlyList<AIFunctionDeclaration> _tools = options.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];

    public string Name => name;

    public string? Model => model;

    public Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<EvalOutput> RunAsync(EvalCase evalCase, int repeat, CancellationToken cancellationToken)
    {
        var messages = render(evalCase).ToList(); // a fresh list per call: a client may add to it
        var key = cache is null ? null : EvalCallCache.Key(model, messages, options, repeat);
        ChatResponse response;
        TimeSpan latency;
        var cached = false;
        if (key is not null && await cache!.GetAsync(key, cancellationToken) is { } hit)
        {
            (response, latency) = hit;
            cached = true;
        }
        else
        {
            var started = timeProvider.GetTimestamp();
            response = await client.GetResponseAsync(messages, options, cancellationToken);
            latency = timeProvider.GetElapsedTime(started);
            if (key is not null)
            {
                await cache!.SetAsync(key, response, latency, cancellationToken);
            }
        }

        return new EvalOutput
        {
            CaseId = evalCase.Id,
            Input = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? evalCase.Input,
            Output = response.Text,
            Expected = evalCase.Expected,
            Vars = evalCase.Vars,
            Response = response,
            Latency = latency,
            InputTokens = response.Usage?.InputTokenCount,
            OutputTokens = response.Usage?.OutputTokenCount,
            CostUsd = Cost(response),
            Target = name,
            Repeat = repeat,
            Tools = _tools,
            ExpectedSources = evalCase.Sources,
            ExpectAbstain = evalCase.Abstain,
            Cached = cached,
        };
    }

    private static decimal? Cost(ChatResponse response) =>
        response.AdditionalProperties?.TryGetValue(KeelPropertyNames.CostUsd, out var value) != true || value is null ? null
        : value is decimal d ? d
        : decimal.TryParse(value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
}
