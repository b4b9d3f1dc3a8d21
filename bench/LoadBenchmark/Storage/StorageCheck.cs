using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ingest.LoadBenchmark.Storage;

/// <summary>
/// Reads what a run's collectors stored, per sensor, to check it against the acknowledgements: a stopped collector's
/// SQLite file (read-only), or the PostgreSQL database its collectors shared, by the same SQL on its <c>chunks</c> table.
/// </summary>
internal static class StorageCheck
{
    /// <summary>
    /// One row per sensor with anything in <c>chunks</c> of the SQLite file at <paramref name="databasePath"/> (none when
    /// the file does not exist), with the readings of its sequences up to the one <paramref name="acked"/> says was
    /// acknowledged to it (0 for a sensor not there).
    /// </summary>
    public static IReadOnlyList<StoredSensor> Read(string databasePath, IReadOnlyList<SensorAcks> acked)
    {
        ArgumentNullException.ThrowIfNull(acked);
        if (!File.Exists(databasePath))
        {
            return [];
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return Read(connection, acked);
    }

    /// <summary>As <see cref="Read(string, IReadOnlyList{SensorAcks})"/>, from the PostgreSQL database at <paramref name="connectionString"/>.</summary>
    public static IReadOnlyList<StoredSensor> ReadPostgres(string connectionString, IReadOnlyList<SensorAcks> acked)
    {
        ArgumentNullException.ThrowIfNull(acked);
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        return Read(connection, acked);
    }

    private static List<StoredSensor> Read(DbConnection connection, IReadOnlyList<SensorAcks> acked)
    {
        var ackedSequences = acked.ToDictionary(a => a.SensorId, a => a.AckedSequence, StringComparer.Ordinal);
        var sensors = new List<StoredSensor>();
        using (var totals = connection.CreateCommand())
        {
            totals.CommandText =
                """
                SELECT sensor_id, min(sequence), max(sequence), count(*), count(DISTINCT sequence), coalesce(sum(reading_count), 0)
                FROM chunks GROUP BY sensor_id ORDER BY sensor_id
                """;
            using var reader = totals.ExecuteReader();
            while (reader.Read())
            {
                sensors.Add(new StoredSensor(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), 0));
            }
        }

        using var upTo = connection.CreateCommand();
        upTo.CommandText = "SELECT coalesce(sum(reading_count), 0) FROM chunks WHERE sensor_id = @sensor AND sequence <= @acked";
        var sensorParameter = Parameter(upTo, "@sensor", DbType.String);
        var ackedParameter = Parameter(upTo, "@acked", DbType.Int64);
        for (var i = 0; i < sensors.Count; i++)
        {
            var ackedSequence = ackedSequences.GetValueOrDefault(sensors[i].SensorId);
            if (ackedSequence > 0)
            {
                sensorParameter.Value = sensors[i].SensorId;
                ackedParameter.Value = ackedSequence;
                sensors[i] = sensors[i] with { ReadingsUpToAcked = Convert.ToInt64(upTo.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) };
            }
        }

        return sensors;
    }

    private static DbParameter Parameter(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
