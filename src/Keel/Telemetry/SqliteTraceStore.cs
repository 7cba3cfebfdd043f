using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Keel;

/// <summary>Traces in the embedded SQLite store.</summary>
internal sealed class SqliteTraceStore(SqliteDatabase database) : ITraceStore
{
    private const string Columns = "id, started_at, model, provider, answered_by, streaming, status, error_kind, error, retries, fallbacks, input_tokens, output_tokens, cached_input_tokens, usage_estimated, cost_usd, latency_ms, ttft_ms, prompt, response, prompt_name, prompt_version, prompt_label";

    public Task WriteAsync(IReadOnlyList<TraceRecord> records, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT OR REPLACE INTO traces ({Columns}) VALUES ({string.Join(", ", Columns.Split(", ").Select(c => "$" + c))})";
        foreach (var record in records)
        {
            insert.Parameters.Clear();
            Add(insert, "id", record.Id);
            Add(insert, "started_at", record.StartedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            Add(insert, "model", record.Model);
            Add(insert, "provider", record.Provider);
            Add(insert, "answered_by", record.AnsweredBy);
            Add(insert, "streaming", record.Streaming ? 1 : 0);
            Add(insert, "status", record.Status);
            Add(insert, "error_kind", record.ErrorKind);
            Add(insert, "error", record.Error);
            Add(insert, "retries", record.Retries);
            Add(insert, "fallbacks", record.Fallbacks);
            Add(insert, "input_tokens", record.InputTokens);
            Add(insert, "output_tokens", record.OutputTokens);
            Add(insert, "cached_input_tokens", record.CachedInputTokens);
            Add(insert, "usage_estimated", record.UsageEstimated ? 1 : 0);
            Add(insert, "cost_usd", record.CostUsd);
            Add(insert, "latency_ms", record.LatencyMs);
            Add(insert, "ttft_ms", record.TimeToFirstTokenMs);
            Add(insert, "prompt", record.Prompt);
            Add(insert, "response", record.Response);
            Add(insert, "prompt_name", record.PromptName);
            Add(insert, "prompt_version", record.PromptVersion);
            Add(insert, "prompt_label", record.PromptLabel);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TraceRecord>> ListAsync(int limit, string? model = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TraceRecord>>(Query(
            $"SELECT {Columns} FROM traces WHERE ($model IS NULL OR model = $model) ORDER BY started_at DESC, id DESC LIMIT $limit",
            ("$model", model),
            ("$limit", limit)));

    public Task<TraceRecord?> FindAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        var matches = Query($"SELECT {Columns} FROM traces WHERE id LIKE $prefix ESCAPE '\\' LIMIT 2", ("$prefix", EscapeLike(idOrPrefix) + "%"));
        return Task.FromResult(matches.Count == 1 ? matches[0] : matches.FirstOrDefault(t => t.Id == idOrPrefix));
    }

    public Task<IReadOnlyList<TraceRecord>> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TraceRecord>>(Query(
            $"SELECT {Columns} FROM traces WHERE started_at >= $since ORDER BY started_at",
            ("$since", since.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture))));

    private List<TraceRecord> Query(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var records = new List<TraceRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            records.Add(new TraceRecord
            {
                Id = reader.GetString(0),
                StartedAt = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                Model = reader.GetString(2),
                Provider = NullableString(reader, 3),
                AnsweredBy = NullableString(reader, 4),
                Streaming = reader.GetInt64(5) != 0,
                Status = reader.GetString(6),
                ErrorKind = NullableString(reader, 7),
                Error = NullableString(reader, 8),
                Retries = reader.GetInt32(9),
                Fallbacks = NullableString(reader, 10),
                InputTokens = reader.IsDBNull(11) ? null : reader.GetInt64(11),
                OutputTokens = reader.IsDBNull(12) ? null : reader.GetInt64(12),
                CachedInputTokens = reader.IsDBNull(13) ? null : reader.GetInt64(13),
                UsageEstimated = reader.GetInt64(14) != 0,
                CostUsd = reader.IsDBNull(15) ? null : reader.GetDouble(15),
                LatencyMs = reader.GetDouble(16),
                TimeToFirstTokenMs = reader.IsDBNull(17) ? null : reader.GetDouble(17),
                Prompt = NullableString(reader, 18),
                Response = NullableString(reader, 19),
                PromptName = NullableString(reader, 20),
                PromptVersion = NullableString(reader, 21),
                PromptLabel = NullableString(reader, 22),
            });
        }

        return records;
    }

    private static void Add(SqliteCommand command, string name, object? value) => command.Parameters.AddWithValue("$" + name, value ?? DBNull.Value);

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
