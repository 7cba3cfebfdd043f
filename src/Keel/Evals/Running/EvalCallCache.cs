using System.Globalization;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Caches model calls of eval runs by content: model, options, messages, tools and the repeat index (so
/// repeats stay independent samples), in the response cache store.</summary>
internal sealed class EvalCallCache(IResponseCacheStore store, EvalCacheMode mode, TimeProvider timeProvider)
{
    private const string LatencyKey = "keel.eval.latency_ms";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public static string Key(string model, IReadOnlyList<ChatMessage> messages, ChatOptions options, int repeat) =>
        ResponseCacheKey.Compute("eval:" + repeat.ToString(CultureInfo.InvariantCulture), null, model, messages, options);

    public async Task<(ChatResponse Response, TimeSpan Latency)?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (mode != EvalCacheMode.Read || await store.GetAsync(key, timeProvider.GetUtcNow(), cancellationToken) is not { } response)
        {
            return null;
        }

        var ms = response.AdditionalProperties?.TryGetValue(LatencyKey, out var value) == true ? Convert.ToDouble(value?.ToString(), CultureInfo.InvariantCulture) : 0;
        return (response, TimeSpan.FromMilliseconds(ms));
    }

    public async Task SetAsync(string key, ChatResponse response, TimeSpan latency, CancellationToken cancellationToken)
    {
        if (mode == EvalCacheMode.Off)
        {
            return;
        }

        // The original latency travels with the response, so a latency assertion on a cached run judges the real call.
        (response.AdditionalProperties ??= [])[LatencyKey] = latency.TotalMilliseconds.ToString("R", CultureInfo.InvariantCulture);
        var now = timeProvider.GetUtcNow();
        await store.SetAsync(key, response, now, now + Lifetime, cancellationToken);
    }
}
