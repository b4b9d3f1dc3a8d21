using Microsoft.Data.Sqlite;

namespace Ingest.LoadBenchmark.Storage;

/// <summary>Reads a stopped collector's SQLite file, read-only, to check that it holds exactly the acknowledged readings.</summary>
internal static class StorageCheck
{
    public static StoredTotals Read(string databasePath)
    {
        if (!File.Exists(databasePath))
        {
            return new StoredTotals(0, 0, 0);
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(sum(reading_count), 0), count(*), count(DISTINCT sensor_id || '/' || sequence) FROM chunks";
        using var reader = command.ExecuteReader();
        reader.Read();
        return new StoredTotals(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
