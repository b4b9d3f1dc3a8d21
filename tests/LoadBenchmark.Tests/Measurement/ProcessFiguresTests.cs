using Ingest.LoadBenchmark.Measurement;

namespace Ingest.LoadBenchmark.Tests.Measurement;

public sealed class ProcessFiguresTests
{
    private static readonly ProcessSample ClientStart = new(2.0, 50L << 20, 40L << 20);

    private static readonly ProcessSample ClientEnd = new(3.5, 60L << 20, 45L << 20);

    [Fact]
    public void Of_BothCollectorSamples_CpuOverTheIntervalAndMemoryAtItsEnd()
    {
        var figures = ProcessFigures.Of(new ProcessSample(10.0, 100L << 20, 90L << 20), new ProcessSample(25.0, 300L << 20, 250L << 20), ClientStart, ClientEnd, 10);

        Assert.Equal(
            new ProcessFigures
            {
                CollectorCpuSeconds = 15.0,
                CollectorCpuPercentOfCore = 150.0,
                CollectorPeakRssBytes = 300L << 20,
                CollectorEndRssBytes = 250L << 20,
                ClientCpuSeconds = 1.5,
            },
            figures);
    }

    [Fact]
    public void Of_NoCollectorStart_NoCollectorCpuButItsMemoryAtTheEnd()
    {
        var figures = ProcessFigures.Of(null, new ProcessSample(25.0, 300L << 20, 250L << 20), ClientStart, ClientEnd, 10);

        Assert.Equal((0.0, 0.0, 300L << 20, 250L << 20, 1.5), (figures.CollectorCpuSeconds, figures.CollectorCpuPercentOfCore, figures.CollectorPeakRssBytes, figures.CollectorEndRssBytes, figures.ClientCpuSeconds));
    }

    [Fact]
    public void Of_NoCollectorEnd_NoCollectorFiguresButTheClientsCpu()
    {
        var figures = ProcessFigures.Of(new ProcessSample(10.0, 100L << 20, 90L << 20), null, ClientStart, ClientEnd, 10);

        Assert.Equal(ProcessFigures.None with { ClientCpuSeconds = 1.5 }, figures);
    }
}
