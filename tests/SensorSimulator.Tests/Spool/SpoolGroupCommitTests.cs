namespace Ingest.SensorSimulator.Tests.Spool;

public sealed class SpoolGroupCommitTests
{
    [Fact]
    public async Task AppendAsync_ManyConcurrentSensors_ShareFsyncsAndAreAllRecovered()
    {
        using var directory = new TempDirectory("spool");
        const int Sensors = 200;
        const int BatchesEach = 5;
        await using (var spool = await TestSpools.OpenAsync(directory.Path))
        {
            await Task.WhenAll(Enumerable.Range(1, Sensors).Select(i => Task.Run(async () =>
            {
                var sensor = $"s-{i}";
                for (ulong sequence = 1; sequence <= BatchesEach; sequence++)
                {
                    await spool.AppendAsync(sensor, SpoolTestBatches.Create(sensor, sequence), CancellationToken.None);
                }
            })));

            Assert.Equal(Sensors * BatchesEach, spool.Appends);
            Assert.True(spool.Fsyncs < spool.Appends / 2, $"{spool.Fsyncs} fsyncs for {spool.Appends} appends");
        }

        await using var reopened = await TestSpools.OpenAsync(directory.Path);

        Assert.Equal(Sensors * BatchesEach, reopened.RecoveredBatches);
        for (var i = 1; i <= Sensors; i++)
        {
            var sensor = $"s-{i}";
            var recovered = reopened.TakeRecovered(sensor);
            Assert.Equal(BatchesEach, recovered.Unsettled.Count);
            foreach (var batch in recovered.Unsettled)
            {
                SpoolTestBatches.AssertSame(SpoolTestBatches.Create(sensor, batch.Sequence), batch);
            }
        }
    }

    [Fact]
    public async Task AppendAsync_OneSensorAtATime_ReturnsOnlyAfterItsOwnFsync()
    {
        using var directory = new TempDirectory("spool");
        await using var spool = await TestSpools.OpenAsync(directory.Path);
        await spool.AppendAsync("s-1", SpoolTestBatches.Create("s-1", 1), CancellationToken.None);
        var fsyncs = spool.Fsyncs;

        for (ulong sequence = 2; sequence <= 11; sequence++)
        {
            await spool.AppendAsync("s-1", SpoolTestBatches.Create("s-1", sequence), CancellationToken.None);

            Assert.Equal(fsyncs + (long)sequence - 1, spool.Fsyncs);
            Assert.Equal((long)sequence, spool.Appends);
        }
    }
}
