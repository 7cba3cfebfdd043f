using Microsoft.Data.Sqlite;

namespace Keel.Tests.Prompts;

public sealed class PromptTraceStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private static TraceRecord Trace(string id, string? prompt) => new()
    {
        Id = id,
        StartedAt = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero),
        Model = "m",
        Streaming = false,
        Status = "ok",
        LatencyMs = 1,
        PromptName = prompt,
        PromptVersion = prompt is null ? null : "0123456789ab",
        PromptLabel = prompt is null ? null : "canary",
    };

    [Fact]
    public async Task Open_StoreFromBeforeThePromptColumns_AddsThemAndKeepsOldTraces()
    {
        var path = Path.Combine(_directory.Path, "keel.db");
        await new SqliteTraceStore(SqliteDatabase.Open(path)).WriteAsync([Trace("old", null)]);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            connection.Open();
            using var downgrade = connection.CreateCommand();
            // Back to step 4, the last step before the prompt columns: undo steps 5 (prompt columns), 6 (eval runs) and 7 (cache scopes).
            downgrade.CommandText = "ALTER TABLE traces DROP COLUMN prompt_name; ALTER TABLE traces DROP COLUMN prompt_version; ALTER TABLE traces DROP COLUMN prompt_label; DROP TABLE eval_results; DROP TABLE eval_runs; "
                + "DROP INDEX response_cache_scope_created_at; ALTER TABLE response_cache DROP COLUMN scope; PRAGMA user_version = 4;";
            downgrade.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var store = new SqliteTraceStore(SqliteDatabase.Open(path));
        await store.WriteAsync([Trace("new", "triage")]);

        var traces = (await store.ListAsync(10)).ToDictionary(t => t.Id);
        Assert.Equal((null, null, null), (traces["old"].PromptName, traces["old"].PromptVersion, traces["old"].PromptLabel));
        Assert.Equal(("triage", "0123456789ab", "canary"), (traces["new"].PromptName, traces["new"].PromptVersion, traces["new"].PromptLabel));
    }
}
