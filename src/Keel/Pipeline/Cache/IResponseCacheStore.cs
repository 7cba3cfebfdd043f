using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Where the response cache keeps answers by key.</summary>
internal interface IResponseCacheStore
{
    /// <summary>The answer stored under <paramref name="key"/>, or <see langword="null"/> when there is none or it expired
    /// at or before <paramref name="now"/> (an expired entry is deleted).</summary>
    Task<ChatResponse?> GetAsync(string key, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Stores (or replaces) the answer under <paramref name="key"/> until <paramref name="expiresAt"/>.</summary>
    Task SetAsync(string key, ChatResponse response, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);
}
