using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Cached responses in the embedded SQLite store (<c>response_cache</c>), as MEAI's JSON.</summary>
/// <remarks>An expired row is a miss and is deleted when read; every write also sweeps expired rows. Rows belong to a
/// <paramref name="scope"/> (model calls, eval calls) bounded on its own to <paramref name="maxEntries"/>: past it the
/// oldest rows go. Finding them walks the scope's newest rows, so it runs once per 1% of the bound written (and on a
/// store's first write), not on every write: a scope may hold up to 1% more rows than its bound in between.</remarks>
internal sealed class SqliteResponseCacheStore(SqliteDatabase database, int maxEntries = 10_000, string scope = SqliteResponseCacheStore.CallsScope) : IResponseCacheStore
{
    /// <summary>The scope of the models pipeline's response cache (<c>cache:</c> in keel.yaml).</summary>
    public const string CallsScope = "calls";

    /// <summary>The scope of <c>keel eval</c>'s call cache.</summary>
    public const string EvalScope = "eval";

    private readonly int _evictEvery = Math.Max(1, maxEntries / 100);
    private int _writes = -1;

    public Task<ChatResponse?> GetAsync(string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenConnection();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT expires_at, response FROM response_cache WHERE key = $key";
        select.Parameters.AddWithValue("$key", key);
        string expiresAt;
        string json;
        using (var reader = select.ExecuteReader())
        {
            if (!reader.Read())
            {
                return Task.FromResult<ChatResponse?>(null);
            }

            expiresAt = reader.GetString(0);
            json = reader.GetString(1);
        }

        if (string.CompareOrdinal(expiresAt, Format(now)) <= 0)
        {
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM response_cache WHERE key = $key AND expires_at <= $now";
            delete.Parameters.AddWithValue("$key", key);
            delete.Parameters.AddWithValue("$now", Format(now));
            delete.ExecuteNonQuery();
            return Task.FromResult<ChatResponse?>(null);
        }

        return Task.FromResult(JsonSerializer.Deserialize(json, ResponseCacheJson.Response));
    }

    public Task SetAsync(string key, ChatResponse response, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT OR REPLACE INTO response_cache (key, scope, created_at, expires_at, response) VALUES ($key, $scope, $now, $expires_at, $response);
            DELETE FROM response_cache WHERE expires_at <= $now;
            """;
        if (Interlocked.Increment(ref _writes) % _evictEvery == 0)
        {
            command.CommandText += """
                DELETE FROM response_cache WHERE key IN (
                    SELECT key FROM response_cache WHERE scope = $scope ORDER BY created_at DESC, key LIMIT -1 OFFSET $max_entries);
                """;
        }

        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", Format(now));
        command.Parameters.AddWithValue("$expires_at", Format(expiresAt));
        command.Parameters.AddWithValue("$response", JsonSerializer.Serialize(response, ResponseCacheJson.Response));
        command.Parameters.AddWithValue("$max_entries", maxEntries);
        command.ExecuteNonQuery();
        transaction.Commit();
        return Task.CompletedTask;
    }

    private static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
