using Ingest.Collector.Chaos;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Tests.Chaos;

public sealed class ChaosOptionsTests
{
    private static ValidateOptionsResult Validate(ChaosOptions options) =>
        new DataAnnotationValidateOptions<ChaosOptions>(Options.DefaultName).Validate(Options.DefaultName, options);

    [Fact]
    public void Defaults_AreValid_AndOff()
    {
        var options = new ChaosOptions();

        Assert.True(Validate(options).Succeeded);
        Assert.False(options.Enabled);
        Assert.Equal(0, options.Commit.FaultRate);
        Assert.Equal(0, options.Commit.LatencyRate);
        Assert.Equal(0, options.DropAckAfterCommitRate);
        Assert.Equal(0, options.AbortStreamAfterBatches);
    }

    [Fact]
    public void Validate_CommitRateOutOfRange_FailsNamingTheSetting()
    {
        var result = Validate(new ChaosOptions { Commit = { FaultRate = 1.5 } });

        Assert.True(result.Failed);
        Assert.Contains("Commit.FaultRate", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DropAckRateOutOfRange_FailsNamingTheSetting()
    {
        var result = Validate(new ChaosOptions { DropAckAfterCommitRate = -0.1 });

        Assert.True(result.Failed);
        Assert.Contains(nameof(ChaosOptions.DropAckAfterCommitRate), result.FailureMessage, StringComparison.Ordinal);
    }
}
