using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Keel.Bench;

/// <summary>The baseline: SQLite FTS5 with the Porter tokenizer and its built-in <c>bm25()</c> (k1 = 1.2, b = 0.75),
/// title and text in one column, queried as an OR of the query's words.</summary>
internal sealed class Fts5Harness : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "keel-bench", Guid.NewGuid().ToString("N") + ".fts5.db");
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _query;
    private readonly SqliteParameter _match;
    private readonly SqliteParameter _limit;

    public Fts5Harness()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "PRAGMA journal_mode=WAL; CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, tokenize='porter unicode61');";
        create.ExecuteNonQuery();
        _query = _connection.CreateCommand();
        _query.CommandText = "SELECT id FROM docs WHERE docs MATCH $match ORDER BY bm25(docs) LIMIT $limit";
        _match = _query.Parameters.Add("$match", SqliteType.Text);
        _limit = _query.Parameters.Add("$limit", SqliteType.Integer);
    }

    public TimeSpan Index(IEnumerable<(string Id, string Title, string Text)> documents)
    {
        var stopwatch = Stopwatch.StartNew();
        using var transaction = _connection.BeginTransaction();
        using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO docs (id, body) VALUES ($id, $body)";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        foreach (var document in documents)
        {
            id.Value = document.Id;
            body.Value = document.Title + "\n" + document.Text;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return stopwatch.Elapsed;
    }

    public IReadOnlyList<string> Rank(string query, int top)
    {
        var match = OrQuery(query);
        if (match.Length == 0)
        {
            return [];
        }

        _match.Value = match;
        _limit.Value = top;
        var ids = new List<string>(top);
        using var reader = _query.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Each word quoted (so FTS5 syntax characters are literal), joined with OR.</summary>
    private static string OrQuery(string query)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in query + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add("\"" + word + "\"");
                word.Clear();
            }
        }

        return string.Join(" OR ", words);
    }

    public void Dispose()
    {
        _query.Dispose();
        _connection.Dispose();
        File.Delete(_path);
    }
}
