using Ingest.Collector.Settings;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Tests.Limits;

public sealed class IngestionLimitOptionsTests
{
    private static ValidateOptionsResult Validate(IngestionOptions options) =>
        new DataAnnotationValidateOptions<IngestionOptions>(Options.DefaultName).Validate(Options.DefaultName, options);

    [Fact]
    public void Validate_NegativeRate_FailsNamingTheSetting()
    {
        var result = Validate(new IngestionOptions { MaxReadingsPerSecondPerSensor = -1 });

        Assert.True(result.Failed);
        Assert.Contains(nameof(IngestionOptions.MaxReadingsPerSecondPerSensor), result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoStreamPerSensor_FailsNamingTheSetting()
    {
        var result = Validate(new IngestionOptions { MaxUploadStreamsPerSensor = 0 });

        Assert.True(result.Failed);
        Assert.Contains(nameof(IngestionOptions.MaxUploadStreamsPerSensor), result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RateZero_MeansNoLimitAndIsValid() =>
        Assert.True(Validate(new IngestionOptions { MaxReadingsPerSecondPerSensor = 0 }).Succeeded);
}
