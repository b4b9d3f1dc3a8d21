using Ingest.SensorSimulator.Hosting;
using Ingest.SensorSimulator.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ingest.SensorSimulator.Tests.Settings;

public sealed class SensorLimitsOptionsTests
{
    [Fact]
    public void Defaults_MatchTheSharedSettingsFile()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "ingest.appsettings.json"))
            .Build();

        var limits = configuration.GetSection(SensorLimitsOptions.SectionName).Get<SensorLimitsOptions>()!;
        var control = configuration.GetSection(ControlOptions.SectionName).Get<ControlOptions>()!;

        Assert.Equivalent(new SensorLimitsOptions(), limits, strict: true);
        Assert.Equivalent(new ControlOptions(), control, strict: true);
        Assert.True(control.Enabled);
        Assert.Equal(TimeSpan.FromMilliseconds(10), limits.MinSamplingInterval);
        Assert.Equal(TimeSpan.FromHours(1), limits.MaxSamplingInterval);
        Assert.Equal(10_000, limits.MaxBatchSize);
        Assert.Equal(TimeSpan.FromMilliseconds(10), limits.MinBatchMaxAge);
        Assert.Equal(TimeSpan.FromHours(1), limits.MaxBatchMaxAge);
        Assert.Equal(10_000, limits.MaxUploadWindowBatches);
        Assert.Equal(TimeSpan.FromMilliseconds(100), limits.MinUploadWindowDuration);
        Assert.Equal(TimeSpan.FromHours(1), limits.MaxUploadWindowDuration);
        Assert.Equal(TimeSpan.FromSeconds(1), limits.MinStatusInterval);
    }

    [Fact]
    public void Host_BindsTheLimitsAndTheControlSwitchFromTheCommandLine()
    {
        using var host = BuildHost("--Simulator:Limits:MaxBatchSize=500", "--Simulator:Control:Enabled=false");

        Assert.Equal(500, host.Services.GetRequiredService<IOptions<SensorLimitsOptions>>().Value.MaxBatchSize);
        Assert.False(host.Services.GetRequiredService<IOptions<ControlOptions>>().Value.Enabled);
    }

    [Theory]
    [InlineData("--Simulator:Limits:MinSamplingInterval=00:00:02", "--Simulator:Limits:MaxSamplingInterval=00:00:01")]
    [InlineData("--Simulator:Limits:MaxBatchSize=0", "--Simulator:Limits:MaxUploadWindowBatches=1")]
    [InlineData("--Simulator:Limits:MinUploadWindowDuration=00:00:00.001", "--Simulator:Limits:MaxBatchSize=1")]
    public void Host_InvalidLimits_FailValidation(string first, string second)
    {
        using var host = BuildHost(first, second);

        Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<SensorLimitsOptions>>().Value);
    }

    private static IHost BuildHost(params string[] args)
    {
        var builder = Host.CreateApplicationBuilder(
            new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddSensorSimulator();
        return builder.Build();
    }
}
