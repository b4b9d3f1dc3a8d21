using Google.Protobuf.WellKnownTypes;
using Ingest.Protocol.V1;
using Ingest.SensorSimulator.Configuration;
using Ingest.SensorSimulator.Control;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Ingest.SensorSimulator.Tests.Control;

public sealed class ConfigValidatorTests
{
    private readonly ConfigValidator _validator = new(Options.Create(new SensorLimitsOptions()));

    [Fact]
    public void TryValidate_WithinTheLimits_MapsEveryField()
    {
        var config = TestConfigs.Valid();
        config.Enabled = false;

        Assert.True(_validator.TryValidate(config, out var settings, out var reason));

        Assert.Equal("", reason);
        Assert.Equal(
            new SensorConfigValues(
                TimeSpan.FromMilliseconds(20), 50, TimeSpan.FromMilliseconds(500), 20, TimeSpan.FromSeconds(2), false, TimeSpan.FromSeconds(5)),
            settings);
    }

    [Fact]
    public void TryValidate_AtEveryLimit_Accepts()
    {
        var lowest = new SensorConfig
        {
            SamplingInterval = Ms(10),
            BatchSize = 1,
            BatchMaxAge = Ms(10),
            UploadWindowBatches = 1,
            UploadWindowDuration = Ms(100),
            StatusInterval = Ms(1000),
        };
        var highest = new SensorConfig
        {
            SamplingInterval = Hours(1),
            BatchSize = 10_000,
            BatchMaxAge = Hours(1),
            UploadWindowBatches = 10_000,
            UploadWindowDuration = Hours(1),
            StatusInterval = Hours(1),
        };

        Assert.True(_validator.TryValidate(lowest, out _, out var lowReason), lowReason);
        Assert.True(_validator.TryValidate(highest, out _, out var highReason), highReason);
    }

    public static TheoryData<string, Action<SensorConfig>, string> OutOfBounds => new()
    {
        { "SamplingInterval below", c => c.SamplingInterval = Ms(5), "SamplingInterval 5ms is out of range: this sensor allows 10ms to 1h" },
        { "SamplingInterval above", c => c.SamplingInterval = Hours(2), "SamplingInterval 2h is out of range: this sensor allows 10ms to 1h" },
        { "SamplingInterval zero", c => c.SamplingInterval = Ms(0), "SamplingInterval 0ms is out of range: this sensor allows 10ms to 1h" },
        { "SamplingInterval missing", c => c.SamplingInterval = null, "SamplingInterval is missing" },
        { "BatchSize zero", c => c.BatchSize = 0, "BatchSize 0 is out of range: this sensor allows 1 to 10000" },
        { "BatchSize above", c => c.BatchSize = 20_000, "BatchSize 20000 is out of range: this sensor allows 1 to 10000" },
        { "BatchMaxAge below", c => c.BatchMaxAge = Ms(9), "BatchMaxAge 9ms is out of range: this sensor allows 10ms to 1h" },
        { "BatchMaxAge above", c => c.BatchMaxAge = Hours(3), "BatchMaxAge 3h is out of range: this sensor allows 10ms to 1h" },
        { "BatchMaxAge missing", c => c.BatchMaxAge = null, "BatchMaxAge is missing" },
        { "UploadWindowBatches zero", c => c.UploadWindowBatches = 0, "UploadWindowBatches 0 is out of range: this sensor allows 1 to 10000" },
        { "UploadWindowBatches above", c => c.UploadWindowBatches = 10_001, "UploadWindowBatches 10001 is out of range: this sensor allows 1 to 10000" },
        { "UploadWindowDuration below", c => c.UploadWindowDuration = Ms(50), "UploadWindowDuration 50ms is out of range: this sensor allows 100ms to 1h" },
        { "UploadWindowDuration above", c => c.UploadWindowDuration = Hours(2), "UploadWindowDuration 2h is out of range: this sensor allows 100ms to 1h" },
        { "UploadWindowDuration missing", c => c.UploadWindowDuration = null, "UploadWindowDuration is missing" },
        { "StatusInterval below", c => c.StatusInterval = Ms(500), "StatusInterval 500ms is out of range: this sensor allows 1s or more" },
        { "StatusInterval missing", c => c.StatusInterval = null, "StatusInterval is missing" },
    };

    [Theory]
    [MemberData(nameof(OutOfBounds))]
    public void TryValidate_OutOfBounds_RejectsNamingTheFieldTheValueAndTheWholeAllowedRange(string _, Action<SensorConfig> change, string expected)
    {
        var config = TestConfigs.Valid();
        change(config);

        Assert.False(_validator.TryValidate(config, out var settings, out var reason));

        Assert.Null(settings);
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void TryValidate_SeveralFieldsOutOfBounds_NamesEachOne()
    {
        var config = TestConfigs.Valid();
        config.BatchSize = 20_000;
        config.SamplingInterval = Ms(1);

        Assert.False(_validator.TryValidate(config, out _, out var reason));

        Assert.Equal(
            "SamplingInterval 1ms is out of range: this sensor allows 10ms to 1h; BatchSize 20000 is out of range: this sensor allows 1 to 10000",
            reason);
    }

    [Fact]
    public void TryValidate_ConfiguredLimits_AreTheOnesApplied()
    {
        var validator = new ConfigValidator(Options.Create(new SensorLimitsOptions { MaxBatchSize = 500 }));
        var config = TestConfigs.Valid();
        config.BatchSize = 1000;

        Assert.False(validator.TryValidate(config, out _, out var reason));
        Assert.Equal("BatchSize 1000 is out of range: this sensor allows 1 to 500", reason);
    }

    [Fact]
    public void TryValidate_NoConfiguration_Rejects()
    {
        Assert.False(_validator.TryValidate(null, out _, out var reason));
        Assert.Equal("the configuration is missing", reason);
    }

    [Theory]
    [InlineData(10_000, "10 ms")]
    [InlineData(2_500_000, "2.5 s")]
    [InlineData(300_000_000, "5 min")]
    [InlineData(3_600_000_000, "1 h")]
    [InlineData(0, "0 s")]
    public void Format_WritesDurationsAsOperatorsRead(long microseconds, string expected) =>
        Assert.Equal(expected, ConfigValidator.Format(TimeSpan.FromMicroseconds(microseconds)));

    private static Duration Ms(int milliseconds) => Duration.FromTimeSpan(TimeSpan.FromMilliseconds(milliseconds));

    private static Duration Hours(int hours) => Duration.FromTimeSpan(TimeSpan.FromHours(hours));
}
