using Microsoft.Data.Sqlite;

namespace Keel;

/// <summary>The store's schema, one numbered step at a time; <c>PRAGMA user_version</c> records the last step applied.</summary>
/// <remarks>Steps are append-only: never edit a released step, add a new one.</remarks>
internal static class SqliteMigrations
{
    private static readonly string[] Steps =
    [
        // 1: the document index and its BM25 segments.
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            path TEXT NOT NULL UNIQUE,
            doc_type TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            size_bytes INTEGER NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE chunks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            page INTEGER,
            heading_path TEXT NOT NULL,
            preamble TEXT,
            token_count INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX chunks_document ON chunks(document_id);
        CREATE TABLE bm25_segments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            chunk_ids BLOB NOT NULL,
            lengths BLOB NOT NULL
        );
        CREATE TABLE bm25_postings (
            term TEXT NOT NULL,
            segment_id INTEGER NOT NULL REFERENCES bm25_segments(id) ON DELETE CASCADE,
            postings BLOB NOT NULL,
            PRIMARY KEY (term, segment_id)
        ) WITHOUT ROWID;
        CREATE INDEX bm25_postings_segment ON bm25_postings(segment_id);
        CREATE TABLE bm25_deleted (chunk_id INTEGER PRIMARY KEY);
        CREATE TABLE index_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        INSERT INTO index_meta (key, value) VALUES ('generation', 0);
        """,

        // 2: one row per model call.
        """
        CREATE TABLE traces (
            id TEXT PRIMARY KEY,
            started_at TEXT NOT NULL,
            model TEXT NOT NULL,
            provider TEXT,
            answered_by TEXT,
            streaming INTEGER NOT NULL,
            status TEXT NOT NULL,
            error_kind TEXT,
            error TEXT,
            retries INTEGER NOT NULL DEFAULT 0,
            fallbacks TEXT,
            input_tokens INTEGER,
            output_tokens INTEGER,
            cached_input_tokens INTEGER,
            usage_estimated INTEGER NOT NULL DEFAULT 0,
            cost_usd REAL,
            latency_ms REAL NOT NULL,
            ttft_ms REAL,
            prompt TEXT,
            response TEXT
        );
        CREATE INDEX traces_started_at ON traces(started_at);
        """,

        // 3: the response cache; times are UTC round-trip strings, so they sort as text.
        """
        CREATE TABLE response_cache (
            key TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            response TEXT NOT NULL
        );
        CREATE INDEX response_cache_expires_at ON response_cache(expires_at);
        """,

        // 4: vectors, kept by the hash of the text embedded and the model that embedded it, so unchanged chunks
        // are never embedded twice; and tags set on documents at ingest, for search filters.
        """
        ALTER TABLE chunks ADD COLUMN text_hash TEXT;
        CREATE INDEX chunks_text_hash ON chunks(text_hash);
        CREATE TABLE embeddings (
            model TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            vector BLOB NOT NULL,
            PRIMARY KEY (model, text_hash)
        ) WITHOUT ROWID;
        ALTER TABLE documents ADD COLUMN tags TEXT;
        """,

        // 5: which prompt (name, version, label) a traced call was rendered from.
        """
        ALTER TABLE traces ADD COLUMN prompt_name TEXT;
        ALTER TABLE traces ADD COLUMN prompt_version TEXT;
        ALTER TABLE traces ADD COLUMN prompt_label TEXT;
        """,

        // 6: eval runs (keel eval) and each case's outcome per target and repeat.
        """
        CREATE TABLE eval_runs (
            id TEXT PRIMARY KEY,
            started_at TEXT NOT NULL,
            suite TEXT NOT NULL,
            description TEXT,
            trials INTEGER NOT NULL,
            passed INTEGER NOT NULL,
            failed INTEGER NOT NULL,
            errors INTEGER NOT NULL,
            gates_passed INTEGER NOT NULL,
            elapsed_ms REAL NOT NULL,
            cost_usd REAL NOT NULL
        );
        CREATE INDEX eval_runs_started_at ON eval_runs(started_at);
        CREATE TABLE eval_results (
            run_id TEXT NOT NULL REFERENCES eval_runs(id) ON DELETE CASCADE,
            target TEXT NOT NULL,
            case_id TEXT NOT NULL,
            repeat INTEGER NOT NULL,
            status TEXT NOT NULL,
            score REAL,
            latency_ms REAL NOT NULL,
            cost_usd REAL,
            reason TEXT,
            output TEXT,
            PRIMARY KEY (run_id, target, case_id, repeat)
        ) WITHOUT ROWID;
        """,

        // 7: the response cache's rows by scope (model calls, eval calls), each bounded on its own, oldest first.
        // Rows keel eval cached before are known by the latency it stores with each.
        """
        ALTER TABLE response_cache ADD COLUMN scope TEXT NOT NULL DEFAULT 'calls';
        UPDATE response_cache SET scope = 'eval' WHERE response LIKE '%"keel.eval.latency_ms"%';
        CREATE INDEX response_cache_scope_created_at ON response_cache(scope, created_at);
        """,

        // 8: an eval run's outcome (passed, gate_failed, run_failed); runs stored before have none (see gates_passed).
        """
        ALTER TABLE eval_runs ADD COLUMN outcome TEXT;
        """,

        // 9: how many of an eval run's calls had no price, so a run of unpriced models does not read as costing $0.
        """
        ALTER TABLE eval_runs ADD COLUMN unpriced_calls INTEGER NOT NULL DEFAULT 0;
        """,
    ];

    public static int LatestVersion => Steps.Length;

    public static void Apply(SqliteConnection connection, string path)
    {
        if (UserVersion(connection, null) == Steps.Length)
        {
            return;
        }

        // BEGIN IMMEDIATE takes the write lock first, so two processes opening a new store do not both migrate it.
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = UserVersion(connection, transaction);
        if (current > Steps.Length)
        {
            throw new KeelStoreException($"{path}: the store was written by a newer Keel (schema {current}, this one knows {Steps.Length}). Upgrade Keel, or point store.path in keel.yaml at another file.");
        }

        for (var version = current + 1; version <= Steps.Length; version++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Steps[version - 1] + $"\nPRAGMA user_version = {version};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static int UserVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
