using Ingest.SensorSimulator.Buffering;
using Ingest.SensorSimulator.Configuration;
using Ingest.SensorSimulator.Control;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.SensorSimulator.Tests.Control;

public sealed class StatusSamplerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SensorCounters _counters = new();
    private readonly LiveConfiguration _live = new(TestSettings.Default);
    private readonly UnackedBuffer _buffer;
    private readonly StatusSampler _status;

    public StatusSamplerTests()
    {
        _buffer = new UnackedBuffer(4, BufferFullPolicy.Block, _counters);
        _status = new StatusSampler(_counters, _buffer, 4, _live, _time);
    }

    [Fact]
    public async Task Next_ReportsBufferFillDropsTotalsAndTheRateSinceTheLastReport()
    {
        _counters.AddSampled(300);
        await _buffer.AddAsync(TestBatches.Create(1), CancellationToken.None);
        _counters.AddDroppedBatch(7);
        _time.Advance(TimeSpan.FromSeconds(2));

        var first = _status.Next();
        _counters.AddSampled(50);
        _time.Advance(TimeSpan.FromSeconds(5));
        var second = _status.Next();

        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromSeconds(5), first.At.ToDateTimeOffset());
        Assert.Equal(0.25, first.BufferFill);
        Assert.Equal(7UL, first.DroppedReadings);
        Assert.Equal(150, first.ReadingsPerSecond);
        Assert.Equal(300UL, first.SampledReadings);
        Assert.Equal(10, second.ReadingsPerSecond);
        Assert.Equal(350UL, second.SampledReadings);
    }

    [Fact]
    public void Next_PausedOrDisabled_SaysSo()
    {
        Assert.False(_status.Next().Paused);

        _live.Pause();
        var paused = _status.Next();
        _live.Resume();
        _live.Apply(TestSettings.Default with { Enabled = false }, 2, "off");
        var disabled = _status.Next();

        Assert.True(paused.Paused);
        Assert.False(paused.Disabled);
        Assert.False(disabled.Paused);
        Assert.True(disabled.Disabled);
    }
}
