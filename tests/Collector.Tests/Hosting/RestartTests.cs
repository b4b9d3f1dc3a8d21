using Ingest.Collector.Tests.Infrastructure;

namespace Ingest.Collector.Tests.Hosting;

public sealed class RestartTests : IDisposable
{
    private readonly TempDirectory _directory = new("restart");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Restart_SettledSequencesSurvive_SoResentBatchesAreDuplicates()
    {
        using (var first = new CollectorFactory(_directory.Path))
        {
            await first.Ingestion.UploadAsync(ReadingBatches.Sequences("restart", 1, 3));
        }

        using var restarted = new CollectorFactory(_directory.Path);
        var reply = await restarted.Greeter.GreetAsync(IngestionCalls.Greeting("restart"));
        var ack = await restarted.Ingestion.UploadAsync(ReadingBatches.Sequences("restart", 1, 5));

        Assert.Equal(3UL, reply.CommittedSequence);
        Assert.Equal(3UL, ack.DuplicateBatches);
        Assert.Equal(2UL, ack.BatchesCommitted);
        Assert.Equal(5, restarted.Stored.Chunks("restart"));
    }

    [Fact]
    public async Task Restart_Subscribe_StatisticsCarryTheTotalsStoredBefore()
    {
        using (var first = new CollectorFactory(_directory.Path))
        {
            var rejected = ReadingBatches.Regular("totals", 6);
            rejected.Readings.Values[0] = double.NaN;
            var batches = ReadingBatches.Sequences("totals", 1, 3).Append(ReadingBatches.Regular("totals", 5)).Append(ReadingBatches.Regular("totals", 1)).Append(rejected);
            var ack = await first.Ingestion.UploadAsync(batches);
            Assert.Equal((4UL, 1UL, 1, 1), (ack.BatchesCommitted, ack.DuplicateBatches, ack.Rejected.Count, ack.Gaps.Count));
        }

        using var restarted = new CollectorFactory(_directory.Path);
        using var call = restarted.Aggregates.Subscribe(new Ingest.Protocol.V1.SubscribeRequest());
        var (statistics, _, _) = await call.ResponseStream.SnapshotAsync();

        Assert.Equal((400UL, 4UL, 1UL, 1UL, 1UL),
            (statistics.ReadingsCommitted, statistics.BatchesCommitted, statistics.DuplicateBatches, statistics.RejectedBatches, statistics.LostBatches));
        Assert.Equal(0, statistics.ReadingsPerSecond);
    }
}
