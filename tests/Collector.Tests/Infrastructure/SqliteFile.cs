using Microsoft.Data.Sqlite;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>Direct SQL on a collector's database file, for tests that prepare or inspect it behind the store's back.</summary>
internal sealed class SqliteFile(string path)
{
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public void Execute(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public object? Scalar(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
