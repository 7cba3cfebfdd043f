using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;

namespace Keel;

/// <summary>Retries transient <see cref="ModelCallException"/>s with a Polly retry pipeline driven by the injected clock.</summary>
internal sealed class RetryChatClient : DelegatingChatClient
{
    private readonly ResiliencePipeline _pipeline;

    public RetryChatClient(IChatClient innerClient, RetryOptions options, TimeProvider timeProvider)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _pipeline = BuildPipeline(options, timeProvider);
    }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var attempts = 0;
        ChatResponse response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    return await base.GetResponseAsync(messages, options, token);
                },
                cancellationToken);
        }
        catch (ModelCallException ex)
        {
            // A failed call has no response to carry the count: the error carries it to tracing instead.
            ex.Retries = attempts - 1;
            throw;
        }

        (response.AdditionalProperties ??= [])[KeelPropertyNames.Retries] = attempts - 1;
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var attempts = 0;
        var hasFirst = false;

        // Only opening the stream and reading its first update is retried: after that the caller holds part of the answer.
        IAsyncEnumerator<ChatResponseUpdate> stream;
        try
        {
            stream = await _pipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    var enumerator = base.GetStreamingResponseAsync(messages, options, token).GetAsyncEnumerator(token);
                    try
                    {
                        hasFirst = await enumerator.MoveNextAsync();
                        return enumerator;
                    }
                    catch
                    {
                        await enumerator.DisposeAsync();
                        throw;
                    }
                },
                cancellationToken);
        }
        catch (ModelCallException ex)
        {
            ex.Retries = attempts - 1;
            throw;
        }

        await using (stream)
        {
            await foreach (var update in StreamInterruption.RestAsync(stream, hasFirst, cut => cut.Retries = attempts - 1, cancellationToken))
            {
                yield return update;
            }
        }

        yield return new ChatResponseUpdate { AdditionalProperties = new() { [KeelPropertyNames.Retries] = attempts - 1 } };
    }

    private static ResiliencePipeline BuildPipeline(RetryOptions options, TimeProvider timeProvider)
    {
        if (options.MaxRetries == 0)
        {
            return ResiliencePipeline.Empty;
        }

        var maxDelay = options.MaxDelay;
        return new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<ModelCallException>(ex => ex.IsTransient),
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.BaseDelay,
                MaxDelay = maxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is ModelCallException { RetryAfter: { } retryAfter }
                        ? (TimeSpan?)(retryAfter > maxDelay ? maxDelay : retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter)
                        : null),
            })
            .Build();
    }
}
