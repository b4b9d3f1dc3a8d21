using Ingest.Collector.Sequencing;

namespace Ingest.Collector.Tests.Sequencing;

public sealed class SequenceLedgerTests
{
    [Fact]
    public void Get_UnknownSensor_IsZero() => Assert.Equal(0, new SequenceLedger().Get("nobody"));

    [Fact]
    public void Load_SetsEverySensorsSettledSequence()
    {
        var ledger = new SequenceLedger();

        ledger.Load([KeyValuePair.Create("a", 12L), KeyValuePair.Create("b", 1L)]);

        Assert.Equal(12, ledger.Get("a"));
        Assert.Equal(1, ledger.Get("b"));
        Assert.Equal(2, ledger.SensorCount);
    }

    [Fact]
    public void Get_SensorIdsDifferingInCase_AreDifferentSensors()
    {
        var ledger = new SequenceLedger();

        ledger.Load([KeyValuePair.Create("a", 12L)]);

        Assert.Equal(0, ledger.Get("A"));
    }

    [Fact]
    public void Advance_HigherSequence_MovesForward()
    {
        var ledger = new SequenceLedger();

        ledger.Advance("a", 3);
        ledger.Advance("a", 9);

        Assert.Equal(9, ledger.Get("a"));
    }

    [Fact]
    public void Advance_LowerSequence_NeverGoesBackwards()
    {
        var ledger = new SequenceLedger();
        ledger.Load([KeyValuePair.Create("a", 10L)]);

        ledger.Advance("a", 4);

        Assert.Equal(10, ledger.Get("a"));
    }
}
