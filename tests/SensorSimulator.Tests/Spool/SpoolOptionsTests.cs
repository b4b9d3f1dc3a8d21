using System.ComponentModel.DataAnnotations;
using Ingest.SensorSimulator.Spool;
using Microsoft.Extensions.Configuration;

namespace Ingest.SensorSimulator.Tests.Spool;

public sealed class SpoolOptionsTests
{
    [Fact]
    public void Defaults_AreValidAndMeanNoSpool()
    {
        var options = new SpoolOptions();

        Assert.Empty(Validate(options));
        Assert.False(options.Enabled);
        Assert.Equal("", options.Path);
        Assert.Equal(256, options.MaxMegabytes);
        Assert.Equal(16, options.SegmentMegabytes);
        Assert.Equal(256L * 1024 * 1024, options.MaxBytes);
        Assert.True(options.KeepReadings);
    }

    [Fact]
    public void Defaults_MatchTheSharedSettingsFile()
    {
        var settings = Path.Combine(AppContext.BaseDirectory, "ingest.appsettings.json");
        var configuration = new ConfigurationBuilder().AddJsonFile(settings).Build();

        var bound = configuration.GetSection(SpoolOptions.SectionName).Get<SpoolOptions>()!;

        var defaults = new SpoolOptions();
        Assert.Equal(
            (defaults.Path, defaults.KeepReadings, defaults.MaxMegabytes, defaults.SegmentMegabytes),
            (bound.Path, bound.KeepReadings, bound.MaxMegabytes, bound.SegmentMegabytes));
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(256, 0)]
    [InlineData(63, 16)]
    public void Validate_SizesOutOfRange_Fail(int maxMegabytes, int segmentMegabytes)
    {
        var options = new SpoolOptions { Path = "/tmp/spool", MaxMegabytes = maxMegabytes, SegmentMegabytes = segmentMegabytes };

        Assert.NotEmpty(Validate(options));
    }

    [Fact]
    public void Validate_SegmentOverAQuarterOfTheBound_NamesBothSettings()
    {
        var options = new SpoolOptions { Path = "/tmp/spool", MaxMegabytes = 40, SegmentMegabytes = 16 };

        var error = Assert.Single(Validate(options));

        Assert.Contains("Simulator:Spool:SegmentMegabytes", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Simulator:Spool:MaxMegabytes", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_InvalidOptions_Throws()
    {
        var options = new SpoolOptions { Path = "/tmp/never-created-spool", MaxMegabytes = 4, SegmentMegabytes = 2 };

        await Assert.ThrowsAsync<ValidationException>(() =>
            SensorSpool.OpenAsync(options, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None));
        Assert.False(Directory.Exists(options.Path));
    }

    private static List<ValidationResult> Validate(SpoolOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
