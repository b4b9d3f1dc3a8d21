using System.Diagnostics.Metrics;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Reporting;
using Ingest.Collector.Storage;
using Ingest.Collector.Tests.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Reporting;

public sealed class SharedTotalsRefresherTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Start_OtherCollectorsCommittedSinceThisOneRestored_RaisesTheTotalsToTheDatabasesButNotThisCollectorsRate()
    {
        // The database holds what every collector settled; this one restored less at its start.
        var store = new ScriptedChunkStore(
            new SensorRecord("a", "", 10, 1, new SensorTotals(10, 100, 1, 2, 20, 3)),
            new SensorRecord("b", "", 4, 1, new SensorTotals(4, 40, 0, 0, 0, 0)));
        var metrics = new IngestMetrics(_services.GetRequiredService<IMeterFactory>());
        metrics.Restore(10, 100, 1, 2, 3);
        using var refresher = new SharedTotalsRefresher(store, metrics, _time, NullLogger<SharedTotalsRefresher>.Instance);

        await refresher.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => metrics.Snapshot().BatchesCommitted == 14, "the stored totals were read");
        await refresher.StopAsync(CancellationToken.None);

        var totals = metrics.Snapshot();
        Assert.Equal((14L, 140L, 1L, 2L, 3L), (totals.BatchesCommitted, totals.ReadingsCommitted, totals.DuplicateBatches, totals.RejectedBatches, totals.LostBatches));
        Assert.Equal(0L, totals.ReadingsCommittedHere);
    }

    [Fact]
    public void RaiseTo_StoredTotalsBehindWhatThisCollectorCounted_LeavesEveryTotalWhereItIs()
    {
        var metrics = new IngestMetrics(_services.GetRequiredService<IMeterFactory>());
        metrics.Restore(10, 100, 1, 2, 3);
        metrics.Committed(1, 7);

        metrics.RaiseTo(10, 100, 0, 5, 3);

        var totals = metrics.Snapshot();
        Assert.Equal((11L, 107L, 1L, 5L, 3L), (totals.BatchesCommitted, totals.ReadingsCommitted, totals.DuplicateBatches, totals.RejectedBatches, totals.LostBatches));
        Assert.Equal(7L, totals.ReadingsCommittedHere);
    }
}
