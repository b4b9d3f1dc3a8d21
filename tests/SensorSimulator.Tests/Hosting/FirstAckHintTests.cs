using Ingest.SensorSimulator.Hosting;
using Ingest.SensorSimulator.Settings;

namespace Ingest.SensorSimulator.Tests.Hosting;

public sealed class FirstAckHintTests
{
    // The defaults: a batch of 100 readings every 10 ms is full after 1 s, the same as BatchMaxAge; a window lasts 5 s.
    private readonly SimulatorOptions _defaults = new();

    [Fact]
    public void ExpectedAfter_Defaults_IsTheFirstBatchPlusOneUploadWindowPlusASecond() =>
        Assert.Equal(TimeSpan.FromSeconds(7), FirstAckHint.ExpectedAfter(_defaults));

    [Fact]
    public void ExpectedAfter_WindowFullOfBatchesBeforeItsDuration_EndsWithTheLastBatch()
    {
        var options = new SimulatorOptions { UploadWindowBatches = 2, UploadWindowDuration = TimeSpan.FromMinutes(1) };

        Assert.Equal(TimeSpan.FromSeconds(4), FirstAckHint.ExpectedAfter(options));
    }

    [Fact]
    public void Describe_BeforeTheFirstWindowEnds_SaysAcksComePerWindowAndWithinHowManySeconds() =>
        Assert.Equal(
            "acks come per upload window (up to 5s or 50 batches): the first expected within 2s",
            FirstAckHint.Describe(_defaults, TimeSpan.FromSeconds(5)));

    [Fact]
    public void Describe_AfterTheExpectedTime_SaysHowLateTheFirstAckIs() =>
        Assert.Equal(
            "acks come per upload window (up to 5s or 50 batches): the first was expected 3s ago; see retries and the collector's log",
            FirstAckHint.Describe(_defaults, TimeSpan.FromSeconds(10)));
}
