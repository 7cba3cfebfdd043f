using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>A process-local cache store, used when no store is registered (outside <c>AddKeel()</c>).</summary>
/// <remarks>Entries are kept as JSON so every hit gets its own copy, exactly as from the SQLite store.</remarks>
internal sealed class MemoryResponseCacheStore : IResponseCacheStore
{
    private readonly ConcurrentDictionary<string, (string Json, DateTimeOffset ExpiresAt)> _entries = new(StringComparer.Ordinal);

    public Task<ChatResponse?> GetAsync(string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return Task.FromResult<ChatResponse?>(null);
        }

        if (entry.ExpiresAt <= now)
        {
            _entries.TryRemove(KeyValuePair.Create(key, entry));
            return Task.FromResult<ChatResponse?>(null);
        }

        return Task.FromResult(JsonSerializer.Deserialize(entry.Json, ResponseCacheJson.Response));
    }

    public Task SetAsync(string key, ChatResponse response, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        _entries[key] = (JsonSerializer.Serialize(response, ResponseCacheJson.Response), expiresAt);
        return Task.CompletedTask;
    }
}
