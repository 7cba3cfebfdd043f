using Microsoft.Data.Sqlite;

namespace Keel.Tests.Storage;

public sealed class SqliteDatabaseTests
{
    [Fact]
    public void Open_NewFile_CreatesSchemaInWalMode()
    {
        using var directory = new TempDirectory();
        var database = SqliteDatabase.Open(Path.Combine(directory.Path, "sub", "keel.db"));

        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode; ";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "PRAGMA user_version;";
        Assert.Equal((long)SqliteMigrations.LatestVersion, command.ExecuteScalar());
    }

    [Fact]
    public void Open_Twice_DoesNotMigrateAgain()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "keel.db");
        SqliteDatabase.Open(path);

        var again = SqliteDatabase.Open(path);

        Assert.Equal(path, again.Path);
    }

    [Fact]
    public void Open_NewerSchema_ThrowsWithAdvice()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "keel.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 999;";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<KeelStoreException>(() => SqliteDatabase.Open(path));

        Assert.Contains("newer Keel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NotADatabase_ThrowsWithAdvice()
    {
        using var directory = new TempDirectory();
        var path = directory.File("keel.db", new string('x', 5000));

        var error = Assert.Throws<KeelStoreException>(() => SqliteDatabase.Open(path));

        Assert.Contains("not a Keel store or damaged", error.Message, StringComparison.Ordinal);
    }
}
