using Ingest.LoadBenchmark.Storage;

namespace Ingest.LoadBenchmark.Tests.Storage;

/// <summary>The storage check on a real PostgreSQL server, with the same chunks as the SQLite check's test.</summary>
public sealed class PostgresStorageCheckTests : IClassFixture<PostgresServer>
{
    private readonly PostgresServer _server;

    public PostgresStorageCheckTests(PostgresServer server) => _server = server;

    [Fact]
    public async Task ReadPostgres_ChunksOfTwoSensors_GivesPerSensorFiguresAndReadingsUpToTheAcknowledgedSequence()
    {
        var connectionString = await _server.CreateDatabaseAsync("check_two_sensors");
        await _server.PsqlAsync(
            """
            CREATE TABLE chunks (sensor_id text NOT NULL, sequence bigint NOT NULL, reading_count integer NOT NULL);
            INSERT INTO chunks VALUES ('a', 1, 10), ('a', 2, 10), ('a', 3, 10), ('a', 5, 10), ('b', 1, 7), ('b', 1, 7);
            """,
            "check_two_sensors");

        var stored = StorageCheck.ReadPostgres(connectionString, [new SensorAcks("a", 2, 20), new SensorAcks("c", 4, 40)]);

        Assert.Equal(
            [new StoredSensor("a", 1, 5, 4, 4, 40, 20), new StoredSensor("b", 1, 1, 2, 1, 14, 0)],
            stored);
    }

    [Fact]
    public async Task ReadPostgres_EveryAcknowledgedBatchStoredOnce_PassesTheVerdict()
    {
        var connectionString = await _server.CreateDatabaseAsync("check_passes");
        await _server.PsqlAsync(
            """
            CREATE TABLE chunks (sensor_id text NOT NULL, sequence bigint NOT NULL, reading_count integer NOT NULL, PRIMARY KEY (sensor_id, sequence));
            INSERT INTO chunks SELECT 'bench-full-' || s, q, 1000 FROM generate_series(0, 1) AS s, generate_series(1, 3) AS q;
            """,
            "check_passes");
        SensorAcks[] acked = [new("bench-full-0", 3, 3000), new("bench-full-1", 2, 2000)];

        var verdict = StorageVerdict.Compare(StorageCheck.ReadPostgres(connectionString, acked), acked, 1000);

        Assert.True(verdict.Passed, verdict.Detail);
        Assert.Equal((6L, 6000L, 1L), (verdict.StoredBatches, verdict.StoredReadings, verdict.StoredNotAcknowledgedBatches));
    }
}
