using Ingest.Collector.Tests.Infrastructure;
using Ingest.Collector.Tests.Storage.Postgres;

namespace Ingest.Collector.Tests.Greeting;

/// <summary>Two in-process collectors on one real PostgreSQL database: a greeting is judged on what is stored, not on one collector's cache.</summary>
[Collection(PostgresCollection.Name)]
public sealed class GreetAcrossCollectorsTests(PostgresServer server) : IAsyncLifetime
{
    private CollectorFactory _a = null!;
    private CollectorFactory _b = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await server.CreateDatabaseAsync("greet_" + Guid.NewGuid().ToString("N")[..12]);
        _a = new CollectorFactory().WithPostgres(connectionString).With("Collector:Ingestion:MaxSequenceJump", "10");
        _b = new CollectorFactory().WithPostgres(connectionString).With("Collector:Ingestion:MaxSequenceJump", "10");
    }

    public Task DisposeAsync()
    {
        _a.Dispose();
        _b.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Greet_LostThroughWithinTheJumpOfWhatAnotherCollectorStored_IsAcceptedThoughThisCollectorNeverSawTheSensor()
    {
        // B is up before the sensor ever sends: its cache knows nothing of it.
        await _b.Greeter.GreetAsync(IngestionCalls.Greeting("moved-far"));
        // Sequences 1..20 stored through A, in streams of 10 (a batch may be at most 10 above the committed sequence).
        await _a.Ingestion.UploadAsync(Enumerable.Range(1, 10).Select(sequence => ReadingBatches.Regular("moved-far", (ulong)sequence)));
        await _a.Ingestion.UploadAsync(Enumerable.Range(11, 10).Select(sequence => ReadingBatches.Regular("moved-far", (ulong)sequence)));

        // The sensor fails over to B, reporting 21..25 lost: 25 is 25 above B's cache but 5 above what is stored.
        var request = IngestionCalls.Greeting("moved-far");
        request.FirstUnsettledSequence = 21;
        request.LostThroughSequence = 25;
        var reply = await _b.Greeter.GreetAsync(request);

        Assert.Equal(25UL, reply.CommittedSequence);
        var gap = Assert.Single(reply.Gaps);
        Assert.Equal((21UL, 25UL), (gap.FirstSequence, gap.LastSequence));
    }
}
