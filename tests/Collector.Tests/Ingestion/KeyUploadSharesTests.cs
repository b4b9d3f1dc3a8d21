using Ingest.Collector.Ingestion;
using Ingest.Collector.Security;
using Ingest.Collector.Settings;
using Ingest.Collector.Tests.TestDoubles;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Tests.Ingestion;

public sealed class KeyUploadSharesTests : IDisposable
{
    private readonly IngestionOptions _options = new() { MaxConcurrentUploads = 100, UploadSharePerKeyPercent = 75, MaxUploadStreamsPerSensor = 4 };
    private readonly UploadGate _gate;
    private readonly KeyUploadShares _shares;

    public KeyUploadSharesTests()
    {
        _gate = new UploadGate(Options.Create(_options));
        _shares = new KeyUploadShares(_gate, FixedOptions.Of(_options));
    }

    public void Dispose() => _gate.Dispose();

    [Fact]
    public void ShareOf_TheDefaults_LetOneKeyRunTheDemosTenThousandSensors_AndLeaveSlotsForOthers()
    {
        var defaults = new IngestionOptions();
        using var gate = new UploadGate(Options.Create(defaults));
        var share = new KeyUploadShares(gate, FixedOptions.Of(defaults)).ShareOf(Sensors("demo-sensors", "sim-*"));

        Assert.InRange(share, 10_000 + 1, defaults.MaxConcurrentUploads - 1000);
    }

    [Fact]
    public void ShareOf_AKeyBoundToPatterns_IsItsPercentOfTheSlots() => Assert.Equal(75, _shares.ShareOf(Sensors("plant", "plant-*", "spare-1")));

    [Fact]
    public void ShareOf_AKeyBoundOnlyToExactIds_IsAtMostTheStreamsThoseSensorsMayOpen() =>
        Assert.Equal(2 * 4, _shares.ShareOf(Sensors("pair", "pump-1", "pump-2")));

    [Fact]
    public void TryEnter_UpToTheShare_ThenRefused_UntilOneExits_AndOtherKeysAreNotCounted()
    {
        var key = Sensors("one", "one-1", "one-2");
        var other = Sensors("other", "other-*");
        for (var i = 0; i < 8; i++)
        {
            Assert.True(_shares.TryEnter(key, out _));
        }

        Assert.False(_shares.TryEnter(key, out var share));
        Assert.True(_shares.TryEnter(other, out _));
        _shares.Exit(key);

        Assert.Equal(8, share);
        Assert.True(_shares.TryEnter(key, out _));
        Assert.Equal(1, _shares.OpenBy("other"));
    }

    private static Caller Sensors(string name, params string[] patterns) => new(name, CallerRole.Sensor, patterns);
}
