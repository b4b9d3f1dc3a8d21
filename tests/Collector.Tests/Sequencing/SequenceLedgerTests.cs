using Ingest.Collector.Sequencing;

namespace Ingest.Collector.Tests.Sequencing;

public sealed class SequenceLedgerTests
{
    [Fact]
    public void Get_UnknownSensor_IsZero() => Assert.Equal(default, new SequenceLedger().Cursor("nobody"));

    [Fact]
    public void Load_SetsEverySensorsSettledSequenceAndSession()
    {
        var ledger = new SequenceLedger();

        ledger.Load([KeyValuePair.Create("a", new SensorCursor(12, 4)), KeyValuePair.Create("b", new SensorCursor(1, 1))]);

        Assert.Equal(new SensorCursor(12, 4), ledger.Cursor("a"));
        Assert.Equal(1, ledger.Get("b"));
        Assert.Equal(2, ledger.SensorCount);
    }

    [Fact]
    public void Get_SensorIdsDifferingInCase_AreDifferentSensors()
    {
        var ledger = new SequenceLedger();

        ledger.Load([KeyValuePair.Create("a", new SensorCursor(12, 1))]);

        Assert.Equal(0, ledger.Get("A"));
    }

    [Fact]
    public void Advance_HigherSequenceAndSession_MoveForward()
    {
        var ledger = new SequenceLedger();

        ledger.Advance("a", new SensorCursor(3, 1));
        ledger.Advance("a", new SensorCursor(9, 2));

        Assert.Equal(new SensorCursor(9, 2), ledger.Cursor("a"));
    }

    [Fact]
    public void Advance_LowerSequenceOrSession_NeverGoesBackwards()
    {
        var ledger = new SequenceLedger();
        ledger.Load([KeyValuePair.Create("a", new SensorCursor(10, 5))]);

        ledger.Advance("a", new SensorCursor(4, 6));
        ledger.Advance("a", new SensorCursor(11, 3));

        Assert.Equal(new SensorCursor(11, 6), ledger.Cursor("a"));
    }
}
