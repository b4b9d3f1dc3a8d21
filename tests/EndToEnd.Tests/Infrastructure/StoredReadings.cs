using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Reads what the collectors stored, straight from their database, beside them: the SQLite file (read-only), or the
/// PostgreSQL database several collectors share. The same SQL on both.
/// </summary>
internal sealed class StoredReadings
{
    private readonly Func<DbConnection> _connect;
    private readonly Func<bool> _exists;

    private StoredReadings(Func<DbConnection> connect, Func<bool> exists) => (_connect, _exists) = (connect, exists);

    /// <summary>The collector's SQLite file at <paramref name="databasePath"/>.</summary>
    public StoredReadings(string databasePath)
        : this(
            () => new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = databasePath,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString()),
            () => File.Exists(databasePath))
    {
    }

    /// <summary>The PostgreSQL database of <paramref name="connectionString"/>.</summary>
    public static StoredReadings Postgres(string connectionString) =>
        new(() => new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString), () => true);

    /// <summary>When set, <see cref="BySensor"/> (and what reads through it) counts only sensors whose id starts with it, e.g. a simulator's beside an attacker's.</summary>
    public string? SensorPrefix { get; init; }

    private DbConnection Open()
    {
        var connection = _connect();
        connection.Open();
        return connection;
    }

    public long TotalReadings()
    {
        if (!_exists())
        {
            return 0;
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(sum(reading_count), 0) FROM chunks";
        try
        {
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (DbException)
        {
            return 0; // The schema is not created yet.
        }
    }

    /// <summary>Per sensor: the readings stored so far; empty before the collector created its database.</summary>
    public IReadOnlyDictionary<string, long> ReadingsBySensor() =>
        TotalReadings() == 0
            ? new Dictionary<string, long>(StringComparer.Ordinal)
            : BySensor().ToDictionary(pair => pair.Key, pair => pair.Value.Readings, StringComparer.Ordinal);

    /// <summary>
    /// Whether each of <paramref name="sensors"/> sensors has stored at least <paramref name="more"/> readings more
    /// than <paramref name="before"/> (from <see cref="ReadingsBySensor"/>) says it had.
    /// </summary>
    public bool EverySensorStoredMore(IReadOnlyDictionary<string, long> before, int sensors, long more)
    {
        ArgumentNullException.ThrowIfNull(before);
        var now = ReadingsBySensor();
        return now.Count == sensors && now.All(pair => pair.Value >= before.GetValueOrDefault(pair.Key) + more);
    }

    /// <summary>Per sensor: readings stored, chunks stored, distinct sequences, and the lowest and highest sequence.</summary>
    public IReadOnlyDictionary<string, SensorChunks> BySensor()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT sensor_id, sum(reading_count), count(*), count(DISTINCT sequence), min(sequence), max(sequence) FROM chunks GROUP BY sensor_id";
        using var reader = command.ExecuteReader();
        var result = new Dictionary<string, SensorChunks>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if (SensorPrefix is not null && !reader.GetString(0).StartsWith(SensorPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            result[reader.GetString(0)] = new SensorChunks(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
        }

        return result;
    }

    /// <summary>Every stored reading of a sensor, decoded, in (timestamp, sequence) order.</summary>
    public IReadOnlyList<(long TimestampMicros, double Value)> Readings(string sensorId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, encoding, readings FROM chunks WHERE sensor_id = @sensor";
        Add(command, "sensor", sensorId);
        using var reader = command.ExecuteReader();
        var readings = new List<(long Timestamp, long Sequence, double Value)>();
        while (reader.Read())
        {
            var sequence = reader.GetInt64(0);
            var (timestamps, values) = Ingest.Collector.Codec.ChunkCodec.Decode(reader.GetInt32(1), (byte[])reader[2]);
            readings.AddRange(timestamps.Select((t, i) => (t, sequence, values[i])));
        }

        return [.. readings.OrderBy(r => r.Timestamp).ThenBy(r => r.Sequence).Select(r => (r.Timestamp, r.Value))];
    }

    /// <summary>
    /// Stored (sensor, sequence) pairs that occur more than once, counted by SQL over the whole table. The chunks table's
    /// unique key keeps this 0; it guards that key. Readings stored twice under other sequences show as stored > acked,
    /// which the ledger assertions check sensor by sensor.
    /// </summary>
    public long DuplicatedPairs()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM (SELECT 1 FROM chunks{PrefixFilter(command)} GROUP BY sensor_id, sequence HAVING count(*) > 1) AS twice";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Per sensor: the readings stored in batches with a sequence above <paramref name="sequences"/>'s entry for it.</summary>
    public IReadOnlyDictionary<string, long> ReadingsAfter(IReadOnlyDictionary<string, long> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        using var connection = Open();
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (sensor, after) in sequences)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT coalesce(sum(reading_count), 0) FROM chunks WHERE sensor_id = @sensor AND sequence > @after";
            Add(command, "sensor", sensor);
            Add(command, "after", after);
            result[sensor] = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }

    /// <summary>The rows of <paramref name="table"/> (a per-sensor table), of the <see cref="SensorPrefix"/>'s sensors when set.</summary>
    public long Count(string table)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}{PrefixFilter(command)}";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The sum of <paramref name="column"/> over <paramref name="table"/>.</summary>
    public long Sum(string table, string column)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT coalesce(sum({column}), 0) FROM {table}{PrefixFilter(command)}";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Per sensor: the readings stored in batches with a sequence at or above <paramref name="sequences"/>'s entry for it.</summary>
    public IReadOnlyDictionary<string, long> ReadingsFrom(IReadOnlyDictionary<string, long> sequences) =>
        ReadingsAfter(sequences.ToDictionary(pair => pair.Key, pair => pair.Value - 1, StringComparer.Ordinal));

    /// <summary>A WHERE clause on <c>sensor_id</c> for <see cref="SensorPrefix"/> (its parameter added to <paramref name="command"/>), or nothing.</summary>
    private string PrefixFilter(DbCommand command)
    {
        if (SensorPrefix is null)
        {
            return "";
        }

        Add(command, "prefix", SensorPrefix);
        return " WHERE substr(sensor_id, 1, length(@prefix)) = @prefix";
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = (name, value);
        command.Parameters.Add(parameter);
    }
}
