using System.Text;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Records every call through it as one trace: timing, time to first token, tokens, cost, route, retries,
/// fallbacks, status and error (and the text, when content capture is on).</summary>
/// <remarks>It sits outside retry and fallback, so one call is one trace whatever happened inside; it reads what the
/// inner layers report through <see cref="ChatResponse.AdditionalProperties"/> (<see cref="KeelPropertyNames"/>).
/// Writing goes through <see cref="TraceWriter"/> and never delays or fails the call.</remarks>
internal sealed class TracingChatClient(IChatClient inner, string model, string provider, TraceWriter writer, TimeProvider timeProvider, bool captureContent)
    : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var trace = Begin(messages, options, streaming: false);
        try
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken);
            trace.Usage = response.Usage;
            trace.Properties = response.AdditionalProperties;
            trace.Text?.Append(response.Text);
            writer.Enqueue(trace.Finish(null));
            return response;
        }
        catch (Exception ex)
        {
            writer.Enqueue(trace.Finish(ex));
            throw;
        }
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var trace = Begin(messages, options, streaming: true);
        return StreamObserver.ObserveAsync(
            base.GetStreamingResponseAsync(messages, options, cancellationToken),
            trace.Observe,
            (_, failure) =>
            {
                writer.Enqueue(trace.Finish(failure));
                return ValueTask.CompletedTask;
            },
            cancellationToken);
    }

    private PendingTrace Begin(IEnumerable<ChatMessage> messages, ChatOptions? options, bool streaming) => new(model, provider, timeProvider, streaming)
    {
        PromptName = PipelineProperties.Get<string>(options?.AdditionalProperties, KeelPropertyNames.PromptName),
        PromptVersion = PipelineProperties.Get<string>(options?.AdditionalProperties, KeelPropertyNames.PromptVersion),
        PromptLabel = PipelineProperties.Get<string>(options?.AdditionalProperties, KeelPropertyNames.PromptLabel),
        Started = timeProvider.GetTimestamp(),
        StartedAt = timeProvider.GetUtcNow(),
        Prompt = captureContent ? string.Join("\n", messages.Select(m => $"{m.Role}: {m.Text}")) : null,
        Text = captureContent ? new StringBuilder() : null,
    };

    private sealed class PendingTrace(string model, string provider, TimeProvider timeProvider, bool streaming)
    {
        public long Started { get; init; }

        public DateTimeOffset StartedAt { get; init; }

        public string? Prompt { get; init; }

        public string? PromptName { get; init; }

        public string? PromptVersion { get; init; }

        public string? PromptLabel { get; init; }

        public StringBuilder? Text { get; init; }

        public TimeSpan? FirstToken { get; set; }

        public UsageDetails? Usage { get; set; }

        public AdditionalPropertiesDictionary? Properties { get; set; }

        /// <summary>Takes what a streamed update tells: first-token time, usage, the layers' reports, the text.</summary>
        public void Observe(ChatResponseUpdate update)
        {
            FirstToken ??= timeProvider.GetElapsedTime(Started);
            foreach (var content in update.Contents)
            {
                if (content is UsageContent usage)
                {
                    Usage = usage.Details;
                }
            }

            if (update.AdditionalProperties is { Count: > 0 } properties)
            {
                // Each layer reports on its own trailing update; keep every key.
                Properties ??= [];
                foreach (var (key, value) in properties)
                {
                    Properties[key] = value;
                }
            }

            Text?.Append(update.Text);
        }

        public TraceRecord Finish(Exception? error) => new()
        {
            Id = Guid.CreateVersion7(StartedAt).ToString("N"),
            StartedAt = StartedAt,
            Model = model,
            Provider = provider,
            AnsweredBy = PipelineProperties.Get<string>(Properties, KeelPropertyNames.Model),
            Streaming = streaming,
            Status = error is null ? "ok" : error is OperationCanceledException ? "cancelled" : "error",
            ErrorKind = error is ModelCallException call ? call.Kind.ToString() : error?.GetType().Name,
            Error = error?.Message,
            // A failed call has no response (or no trailing update) to report on: its error carries the same figures.
            Retries = (error as ModelCallException)?.Retries ?? PipelineProperties.Get<int?>(Properties, KeelPropertyNames.Retries) ?? 0,
            Fallbacks = (error as ModelCallException)?.Fallbacks is { Count: > 0 } failed
                ? string.Join(",", failed)
                : PipelineProperties.Get<string>(Properties, KeelPropertyNames.Fallbacks),
            InputTokens = Usage?.InputTokenCount,
            OutputTokens = Usage?.OutputTokenCount,
            CachedInputTokens = Usage?.CachedInputTokenCount,
            UsageEstimated = PipelineProperties.Get<bool?>(Properties, KeelPropertyNames.UsageEstimated) ?? false,
            CostUsd = PipelineProperties.Get<double?>(Properties, KeelPropertyNames.CostUsd),
            LatencyMs = Math.Round(timeProvider.GetElapsedTime(Started).TotalMilliseconds, 3),
            TimeToFirstTokenMs = FirstToken is { } first ? Math.Round(first.TotalMilliseconds, 3) : null,
            Prompt = Prompt,
            Response = Text?.ToString(),
            PromptName = PromptName,
            PromptVersion = PromptVersion,
            PromptLabel = PromptLabel,
        };
    }
}
