using Ingest.Collector.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Ingest.Collector.Tests.Storage.Sqlite;

public sealed class RawStatementTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public RawStatementTests()
    {
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL, b BLOB)";
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Execute_BindsByParameterNumber_AndReportsTheRowsChanged()
    {
        using var insert = new RawStatement(_connection, "INSERT INTO t (b, n, id) VALUES ($3, $2, $1)", 3);
        using var update = new RawStatement(_connection, "UPDATE t SET n = n + $2 WHERE id = $1 OR $1 = 'all'", 2);

        Assert.Equal(1, insert.Bind(1, "a").Bind(2, 40L).Bind(3, [1, 2, 3]).Execute());
        Assert.Equal(1, insert.Bind(1, "b").Bind(2, 7L).Bind(3, []).Execute());
        Assert.Equal(1, update.Bind(1, "a").Bind(2, 2L).Execute());
        Assert.Equal(0, update.Bind(1, "none").Bind(2, 2L).Execute());
        Assert.Equal(2, update.Bind(1, "all").Bind(2, 1L).Execute());

        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT id, n, b FROM t ORDER BY id";
        using var rows = read.ExecuteReader();
        Assert.True(rows.Read());
        Assert.Equal(("a", 43L), (rows.GetString(0), rows.GetInt64(1)));
        Assert.Equal(new byte[] { 1, 2, 3 }, (byte[])rows.GetValue(2));
        Assert.True(rows.Read());
        Assert.Equal(("b", 8L), (rows.GetString(0), rows.GetInt64(1)));
    }

    [Fact]
    public void Execute_AConstraintFails_ThrowsSqliteExceptionWithItsCode_AndTheStatementRunsAgain()
    {
        using var insert = new RawStatement(_connection, "INSERT INTO t (id, n) VALUES ($1, $2)", 2);
        insert.Bind(1, "a").Bind(2, 1L).Execute();

        var error = Assert.Throws<SqliteException>(() => insert.Bind(1, "a").Bind(2, 2L).Execute());

        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal(1, insert.Bind(1, "b").Bind(2, 2L).Execute());
    }

    [Fact]
    public void Execute_ABindingNotGivenAgain_IsNullNotTheLastRunsValue()
    {
        using var insert = new RawStatement(_connection, "INSERT INTO t (id, n, b) VALUES ($1, $2, $3)", 3);
        insert.Bind(1, "a").Bind(2, 1L).Bind(3, [9]).Execute();

        insert.Bind(1, "b").Bind(2, 2L).Execute();

        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT b IS NULL FROM t WHERE id = 'b'";
        Assert.Equal(1L, read.ExecuteScalar());
    }

    [Fact]
    public void Constructor_AParameterMissingFromTheStatement_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new RawStatement(_connection, "INSERT INTO t (id, n) VALUES ($1, $3)", 3));

        Assert.Contains("$2", error.Message, StringComparison.Ordinal);
    }
}
