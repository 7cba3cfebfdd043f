using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Answers a call identical to an earlier one from the cache instead of the model, and makes identical calls in
/// flight at the same time share one upstream call.</summary>
/// <remarks>Written here rather than as MEAI's <c>DistributedCachingChatClient</c> over an <c>IDistributedCache</c>:
/// that needs an <c>IDistributedCache</c> adapter over SQLite (with sliding expirations Keel has no use for) and still
/// lacks single-flight and the "was this a hit" marker; a small store interface with a get and a set is simpler.
/// Only successful calls are stored; a stream only when it ended with a finish reason.</remarks>
internal sealed class ResponseCacheChatClient : DelegatingChatClient
{
    private readonly ResponseCacheOptions _options;
    private readonly IResponseCacheStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, Task<ChatResponse>> _inFlight = new(StringComparer.Ordinal);

    public ResponseCacheChatClient(IChatClient innerClient, ResponseCacheOptions options, IResponseCacheStore store, TimeProvider timeProvider)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _options = options;
        _store = store;
        _timeProvider = timeProvider;
    }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!_options.Enabled || IsOptedOut(options))
        {
            return await base.GetResponseAsync(messages, WithoutCacheFlag(options), cancellationToken);
        }

        IReadOnlyList<ChatMessage> messageList = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var key = KeyFor(messageList, options);
        var upstreamOptions = WithoutCacheFlag(options);
        while (true)
        {
            if (await TryLoadAsync(key, cancellationToken) is { } cached)
            {
                return MarkHit(cached);
            }

            var leader = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inFlight.TryAdd(key, leader.Task))
            {
                try
                {
                    var response = await base.GetResponseAsync(messageList, upstreamOptions, cancellationToken);
                    await TryStoreAsync(key, response);
                    leader.SetResult(response);
                    return response;
                }
                catch (Exception ex)
                {
                    Fail(leader, ex);
                    throw;
                }
                finally
                {
                    _inFlight.TryRemove(KeyValuePair.Create(key, leader.Task));
                }
            }

            if (await AwaitLeaderAsync(key, cancellationToken) is { } shared)
            {
                return shared;
            }
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!_options.Enabled || IsOptedOut(options))
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, WithoutCacheFlag(options), cancellationToken))
            {
                yield return update;
            }

            yield break;
        }

        IReadOnlyList<ChatMessage> messageList = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var key = KeyFor(messageList, options);
        ChatResponse? answer = null;
        TaskCompletionSource<ChatResponse>? leader = null;
        while (answer is null && leader is null)
        {
            answer = await TryLoadAsync(key, cancellationToken) is { } cached ? MarkHit(cached) : null;
            if (answer is null)
            {
                var candidate = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_inFlight.TryAdd(key, candidate.Task))
                {
                    leader = candidate;
                }
                else
                {
                    answer = await AwaitLeaderAsync(key, cancellationToken);
                }
            }
        }

        if (answer is not null)
        {
            foreach (var update in answer.ToChatResponseUpdates())
            {
                yield return update;
            }

            yield break;
        }

        await foreach (var update in StreamAsLeaderAsync(key, leader!, messageList, WithoutCacheFlag(options), cancellationToken))
        {
            yield return update;
        }
    }

    private IAsyncEnumerable<ChatResponseUpdate> StreamAsLeaderAsync(
        string key, TaskCompletionSource<ChatResponse> leader, IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var updates = new List<ChatResponseUpdate>();
        return StreamObserver.ObserveAsync(
            base.GetStreamingResponseAsync(messages, options, cancellationToken),
            updates.Add,
            async (completed, failure) =>
            {
                _inFlight.TryRemove(KeyValuePair.Create(key, leader.Task));
                if (completed)
                {
                    var response = updates.ToChatResponse();

                    // A stream with no finish reason may have been cut short by a proxy or the provider: never keep it.
                    if (response.FinishReason is not null)
                    {
                        await TryStoreAsync(key, response);
                    }

                    leader.SetResult(response);
                }
                else
                {
                    // A caller that stopped reading early is no failure of the model: waiters then make their own call.
                    Fail(leader, failure ?? new OperationCanceledException("The first caller stopped reading the stream."));
                }
            },
            cancellationToken);
    }

    /// <summary>Waits for the identical call in flight; <see langword="null"/> when there was none any more or it was
    /// cancelled by its own caller, so this call should look again and maybe lead.</summary>
    private async Task<ChatResponse?> AwaitLeaderAsync(string key, CancellationToken cancellationToken)
    {
        if (!_inFlight.TryGetValue(key, out var inFlight))
        {
            return null;
        }

        try
        {
            return MarkHit(Copy(await inFlight.WaitAsync(cancellationToken)));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static void Fail(TaskCompletionSource<ChatResponse> leader, Exception error)
    {
        if (error is OperationCanceledException)
        {
            leader.TrySetCanceled();
        }
        else
        {
            leader.TrySetException(error);
        }

        // Observed here so that a failure nobody else waited for is not reported as unobserved.
        _ = leader.Task.Exception;
    }

    private string KeyFor(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var metadata = InnerClient.GetService<ChatClientMetadata>();
        return ResponseCacheKey.Compute(_options.Scope, metadata?.ProviderName, ChatClientModel.Resolve(InnerClient, options), messages, options);
    }

    private static ChatResponse Copy(ChatResponse response) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(response, ResponseCacheJson.Response), ResponseCacheJson.Response)!;

    /// <summary>Marks a response that cost no model call: what the inner layers reported about the original call (retries,
    /// fallbacks, cost) no longer holds, so only the answering model is kept and the cost is zero.</summary>
    private static ChatResponse MarkHit(ChatResponse response)
    {
        var properties = response.AdditionalProperties ??= [];
        var model = properties.TryGetValue(KeelPropertyNames.Model, out var value) ? AsString(value) : null;
        foreach (var key in properties.Keys.Where(k => k.StartsWith("keel.", StringComparison.Ordinal)).ToList())
        {
            properties.Remove(key);
        }

        if (model is not null)
        {
            properties[KeelPropertyNames.Model] = model;
        }

        properties[KeelPropertyNames.CostUsd] = 0m;
        properties[KeelPropertyNames.CacheHit] = "hit";
        return response;
    }

    private static string? AsString(object? value) => value switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        _ => null,
    };

    private static bool IsOptedOut(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(KeelPropertyNames.CacheHit, out var flag) == true && flag switch
        {
            bool enabled => !enabled,
            string text => text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("off", StringComparison.OrdinalIgnoreCase),
            JsonElement element => element.ValueKind == JsonValueKind.False,
            _ => false,
        };

    /// <summary>The options without Keel's cache flag, which is for this layer and must not reach a provider.</summary>
    private static ChatOptions? WithoutCacheFlag(ChatOptions? options)
    {
        if (options?.AdditionalProperties?.ContainsKey(KeelPropertyNames.CacheHit) != true)
        {
            return options;
        }

        var clone = options.Clone();
        clone.AdditionalProperties = new(options.AdditionalProperties);
        clone.AdditionalProperties.Remove(KeelPropertyNames.CacheHit);
        return clone;
    }

    /// <summary>Reads the cache; a store that cannot be read is a miss, not a failed call.</summary>
    private async Task<ChatResponse?> TryLoadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await _store.GetAsync(key, _timeProvider.GetUtcNow(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The cache is an optimisation: its storage failing must never fail a model call.
            return null;
        }
    }

    /// <summary>Stores an answer; a store that cannot be written loses the entry, not the caller's answer.</summary>
    private async Task TryStoreAsync(string key, ChatResponse response)
    {
        try
        {
            await _store.SetAsync(key, response, _timeProvider.GetUtcNow(), _timeProvider.GetUtcNow() + _options.Ttl, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The cache is an optimisation: its storage failing must never fail a model call.
        }
    }
}
