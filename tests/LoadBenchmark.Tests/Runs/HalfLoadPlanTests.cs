using Ingest.LoadBenchmark.Runs;
using Ingest.LoadBenchmark.Tests.Reporting;

namespace Ingest.LoadBenchmark.Tests.Runs;

public sealed class HalfLoadPlanTests
{
    [Fact]
    public void From_FullRuns_HalvesThePeakOfTheLargestBatchSizeAndSpreadsItOverTheSensors()
    {
        var plan = HalfLoadPlan.From([SampleRuns.Full(100, 9_000_000), SampleRuns.Full(1000, 4_000_000)], sensors: 20);

        Assert.NotNull(plan);
        Assert.Equal(1000, plan.BatchSize);
        Assert.Equal(2_000_000, plan.ReadingsPerSecond);
        // 100,000 readings/s per sensor in batches of 1,000: one batch every 10 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(10), plan.BatchInterval);
    }

    [Fact]
    public void From_NoFullRun_IsNull() => Assert.Null(HalfLoadPlan.From([SampleRuns.Ceiling(1000, 4_000_000)], sensors: 20));
}
