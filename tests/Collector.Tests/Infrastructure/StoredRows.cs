using Microsoft.Data.Sqlite;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>Reads the collector's database directly, as a user with the sqlite3 tool would.</summary>
public sealed class StoredRows(string databasePath)
{
    public long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public long Chunks(string sensorId) => Scalar($"SELECT count(*) FROM chunks WHERE sensor_id = '{sensorId}'");

    public long Readings(string sensorId) => Scalar($"SELECT coalesce(sum(reading_count), 0) FROM chunks WHERE sensor_id = '{sensorId}'");

    public long Gaps(string sensorId) => Scalar($"SELECT count(*) FROM gaps WHERE sensor_id = '{sensorId}'");

    public long Rejects(string sensorId) => Scalar($"SELECT count(*) FROM rejects WHERE sensor_id = '{sensorId}'");
}
