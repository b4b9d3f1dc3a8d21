using Ingest.Dashboard.Lines;
using Ingest.Dashboard.Model;
using Ingest.Dashboard.Tests.Infrastructure;
using static Ingest.Dashboard.Tests.Infrastructure.TestData;

namespace Ingest.Dashboard.Tests.Lines;

public sealed class FilteringObserverTests
{
    [Fact]
    public void OnUpdate_DropsWindowsOfSensorsOutsideTheFilterAndKeepsEverythingElse()
    {
        var inner = new RecordingObserver();
        var filter = new FilteringObserver(inner, new SensorFilter(["sim-*"], ["humidity"]));

        filter.OnUpdate(Update(Window("sim-1", kind: "humidity")));
        filter.OnUpdate(Update(Window("sim-2", kind: "pressure")));
        filter.OnUpdate(Update(Window("lab-1", kind: "humidity")));
        filter.OnUpdate(new StatisticsUpdate(Totals()));
        filter.OnUpdate(new SnapshotCompleted(3));

        Assert.Equal(
            ["sim-1", "statistics", "snapshot"],
            inner.Updates.Select(update => update switch
            {
                WindowUpdate window => window.Aggregate.SensorId,
                StatisticsUpdate => "statistics",
                _ => "snapshot",
            }));
    }
}
