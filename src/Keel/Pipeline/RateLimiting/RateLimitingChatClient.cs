using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Admits calls to each model within <see cref="RateLimitingOptions"/>, waiting or failing fast when over.</summary>
internal sealed class RateLimitingChatClient : DelegatingChatClient
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly RateLimitingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, ModelRateLimiters> _limiters = new(StringComparer.Ordinal);

    public RateLimitingChatClient(IChatClient innerClient, RateLimitingOptions options, TimeProvider timeProvider)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _options = options;
        _timeProvider = timeProvider;
    }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var messageList = messages as IReadOnlyCollection<ChatMessage> ?? [.. messages];
        var (limiters, estimate) = await AdmitAsync(messageList, options, cancellationToken);
        var response = await base.GetResponseAsync(messageList, options, cancellationToken);
        Correct(limiters, estimate, response.Usage);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var messageList = messages as IReadOnlyCollection<ChatMessage> ?? [.. messages];
        var (limiters, estimate) = await AdmitAsync(messageList, options, cancellationToken);
        UsageDetails? usage = null;
        await foreach (var update in base.GetStreamingResponseAsync(messageList, options, cancellationToken))
        {
            foreach (var content in update.Contents)
            {
                if (content is UsageContent usageContent)
                {
                    usage ??= new UsageDetails();
                    usage.Add(usageContent.Details);
                }
            }

            yield return update;
        }

        Correct(limiters, estimate, usage);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var limiters in _limiters.Values)
            {
                limiters.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private async Task<(ModelRateLimiters Limiters, int Estimate)> AdmitAsync(
        IReadOnlyCollection<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var model = ChatClientModel.Resolve(InnerClient, options) ?? ChatClientModel.Unknown;
        var limiters = _limiters.GetOrAdd(model, CreateLimiters);
        var estimate = (int)Math.Min(TokenEstimator.FromMessages(messages), int.MaxValue);
        if (limiters.Tokens is { } tokens && estimate > tokens.Limit)
        {
            throw new ModelCallException(
                ModelErrorKind.BadRequest,
                $"The request to model '{model}' is estimated at {estimate} tokens, more than RateLimitingOptions.TokensPerMinute ({tokens.Limit}) allows in a minute. Shorten the request or raise the limit.")
            {
                Model = model,
            };
        }

        if (limiters.Requests is { } requests)
        {
            await AcquireAsync(requests, 1, model, "RequestsPerMinute", cancellationToken);
        }

        if (limiters.Tokens is { } tokenLimiter)
        {
            try
            {
                await AcquireAsync(tokenLimiter, estimate, model, "TokensPerMinute", cancellationToken);
            }
            catch
            {
                // The call is not made, so it must not count against the request limit either.
                limiters.Requests?.Adjust(-1);
                throw;
            }
        }

        return (limiters, estimate);
    }

    private async Task AcquireAsync(TimeWindowRateLimiter limiter, int permits, string model, string limit, CancellationToken cancellationToken)
    {
        RateLimitLease lease;
        if (_options.WhenLimited == RateLimitBehavior.FailFast)
        {
            lease = limiter.AttemptAcquire(permits);
        }
        else
        {
            using var maxWait = new CancellationTokenSource(_options.MaxWait, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, maxWait.Token);
            try
            {
                lease = await limiter.AcquireAsync(permits, linked.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw Limited(model, limit, limiter, permits, $"waited the longest allowed ({_options.MaxWait.TotalSeconds:0.###} s, RateLimitingOptions.MaxWait)");
            }
        }

        using (lease)
        {
            if (!lease.IsAcquired)
            {
                var why = _options.WhenLimited == RateLimitBehavior.FailFast
                    ? "RateLimitingOptions.WhenLimited is FailFast"
                    : $"{_options.MaxQueuedRequests} calls are already waiting (RateLimitingOptions.MaxQueuedRequests)";
                throw Limited(model, limit, limiter, permits, why, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null);
            }
        }
    }

    private static void Correct(ModelRateLimiters limiters, int estimate, UsageDetails? usage)
    {
        var actual = usage?.TotalTokenCount ?? (usage?.InputTokenCount + usage?.OutputTokenCount);
        if (limiters.Tokens is { } tokens && actual is { } counted && counted != estimate)
        {
            tokens.Adjust(counted - estimate);
        }
    }

    private ModelRateLimiters CreateLimiters(string model) => new(
        _options.RequestsPerMinute is { } rpm ? new TimeWindowRateLimiter(rpm, Window, _options.MaxQueuedRequests, _timeProvider) : null,
        _options.TokensPerMinute is { } tpm ? new TimeWindowRateLimiter(tpm, Window, _options.MaxQueuedRequests, _timeProvider) : null);

    private static ModelCallException Limited(string model, string limit, TimeWindowRateLimiter limiter, int permits, string why, TimeSpan? retryAfter = null) =>
        new(
            ModelErrorKind.RateLimited,
            $"Model '{model}' is at its RateLimitingOptions.{limit} limit ({limiter.Limit} per minute; this call needs {permits}) and {why}. "
            + "Try again later, or raise the limit if the provider allows more.")
        {
            Model = model,
            RetryAfter = retryAfter,
        };
}
