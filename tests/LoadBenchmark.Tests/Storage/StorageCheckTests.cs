using Ingest.LoadBenchmark.Storage;
using Microsoft.Data.Sqlite;

namespace Ingest.LoadBenchmark.Tests.Storage;

public sealed class StorageCheckTests
{
    [Fact]
    public void Read_ChunksOfTwoSensors_GivesPerSensorFiguresAndReadingsUpToTheAcknowledgedSequence()
    {
        using var directory = new TempDirectory("storage-check");
        var path = directory.File("ingest.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText =
                """
                CREATE TABLE chunks (sensor_id TEXT NOT NULL, sequence INTEGER NOT NULL, reading_count INTEGER NOT NULL);
                INSERT INTO chunks VALUES ('a', 1, 10), ('a', 2, 10), ('a', 3, 10), ('a', 5, 10), ('b', 1, 7), ('b', 1, 7);
                """;
            create.ExecuteNonQuery();
        }

        var stored = StorageCheck.Read(path, [new SensorAcks("a", 2, 20), new SensorAcks("c", 4, 40)]);

        Assert.Equal(
            [new StoredSensor("a", 1, 5, 4, 4, 40, 20), new StoredSensor("b", 1, 1, 2, 1, 14, 0)],
            stored);
    }

    [Fact]
    public void Read_NoDatabaseFile_IsEmpty() => Assert.Empty(StorageCheck.Read("/nonexistent/ingest.db", []));
}
