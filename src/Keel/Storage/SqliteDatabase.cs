using Microsoft.Data.Sqlite;

namespace Keel;

/// <summary>The embedded store: one SQLite file in WAL mode whose schema is kept current by <see cref="SqliteMigrations"/>.</summary>
internal sealed class SqliteDatabase
{
    private readonly string _connectionString;

    private SqliteDatabase(string path, string connectionString)
    {
        Path = path;
        _connectionString = connectionString;
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating when missing) the database at <paramref name="path"/> and migrates it.</summary>
    public static SqliteDatabase Open(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var database = new SqliteDatabase(fullPath, connectionString);
        try
        {
            using var connection = database.OpenConnection();
            SqliteMigrations.Apply(connection, fullPath);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 26 /* SQLITE_NOTADB */ or 11 /* SQLITE_CORRUPT */)
        {
            throw new KeelStoreException($"{fullPath}: not a Keel store or damaged ({ex.Message}). Move it away and run 'keel ingest' again to rebuild the index.", ex);
        }

        return database;
    }

    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        command.ExecuteNonQuery();
        return connection;
    }
}
