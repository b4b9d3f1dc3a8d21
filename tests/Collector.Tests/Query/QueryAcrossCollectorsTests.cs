using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Collector.Tests.Storage.Postgres;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Query;

/// <summary>Two in-process collectors on one real PostgreSQL database: a query reads the whole database, whichever collector is asked.</summary>
[Collection(PostgresCollection.Name)]
public sealed class QueryAcrossCollectorsTests(PostgresServer server) : IAsyncLifetime
{
    private CollectorFactory _a = null!;
    private CollectorFactory _b = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await server.CreateDatabaseAsync("query_" + Guid.NewGuid().ToString("N")[..12]);
        _a = new CollectorFactory().WithPostgres(connectionString);
        _b = new CollectorFactory().WithPostgres(connectionString);
    }

    public Task DisposeAsync()
    {
        _a.Dispose();
        _b.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ReadReadings_ASensorThatMovedBetweenCollectors_EitherCollectorReturnsAllItsReadingsInOrder()
    {
        // The sensor's first batches went through A; it failed over and sent the rest through B.
        var batches = ReadingBatches.Seconds("query-moved", 1, 6).ToList();
        await _a.Ingestion.UploadAsync(batches.Take(3));
        await _b.Ingestion.UploadAsync(batches.Skip(3));

        var throughA = await ReadAsync(_a, "query-moved");
        var throughB = await ReadAsync(_b, "query-moved");

        var expected = batches.SelectMany(b => b.Readings.Values).ToList();
        Assert.Equal(expected, throughA);
        Assert.Equal(expected, throughB);
    }

    private static async Task<List<double>> ReadAsync(CollectorFactory collector, string sensorId)
    {
        using var call = collector.Query.ReadReadings(new Wire.ReadReadingsRequest { SensorId = sensorId }, deadline: DateTime.UtcNow.AddSeconds(30));
        var values = new List<double>();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            values.AddRange(chunk.Readings.Values);
        }

        return values;
    }
}
