using System.ComponentModel.DataAnnotations;
using Ingest.SensorSimulator.Hosting;
using Ingest.SensorSimulator.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ingest.SensorSimulator.Tests.Settings;

public sealed class SimulatorOptionsTests
{
    [Fact]
    public void Defaults_AreValidAndMatchTheIssue()
    {
        var options = new SimulatorOptions();

        Assert.Empty(Validate(options));
        Assert.Equal("http://127.0.0.1:5000", options.CollectorAddress);
        Assert.Equal(10, options.Sensors);
        Assert.Equal(["temperature", "humidity", "pressure", "vibration"], options.EffectiveKinds);
        Assert.Equal(TimeSpan.FromMilliseconds(10), options.SamplingInterval);
        Assert.Equal(BufferFullPolicy.Block, options.BufferFullPolicy);
        Assert.Null(options.Duration);
    }

    [Fact]
    public void Defaults_MatchTheSharedSettingsFile()
    {
        var settings = Path.Combine(AppContext.BaseDirectory, "ingest.appsettings.json");
        var configuration = new ConfigurationBuilder().AddJsonFile(settings).Build();

        var bound = configuration.GetSection(SimulatorOptions.SectionName).Get<SimulatorOptions>()!;

        var defaults = new SimulatorOptions();
        Assert.Equal(defaults.CollectorAddress, bound.CollectorAddress);
        Assert.Equal(defaults.Sensors, bound.Sensors);
        Assert.Equal(defaults.EffectiveKinds, bound.EffectiveKinds);
        Assert.Equal(defaults.SamplingInterval, bound.SamplingInterval);
        Assert.Equal(defaults.BatchSize, bound.BatchSize);
        Assert.Equal(defaults.BatchMaxAge, bound.BatchMaxAge);
        Assert.Equal(defaults.UploadWindowBatches, bound.UploadWindowBatches);
        Assert.Equal(defaults.UploadWindowDuration, bound.UploadWindowDuration);
        Assert.Equal(defaults.MaxUnackedBatches, bound.MaxUnackedBatches);
        Assert.Equal(defaults.BufferFullPolicy, bound.BufferFullPolicy);
        Assert.Equal(defaults.Duration, bound.Duration);
        Assert.Equal(defaults.ShutdownTimeout, bound.ShutdownTimeout);
        Assert.Equal(defaults.LedgerPath, bound.LedgerPath);
    }

    [Theory]
    [InlineData("Sensors", "0")]
    [InlineData("Sensors", "20001")]
    [InlineData("SamplingInterval", "00:00:00")]
    [InlineData("BatchSize", "0")]
    [InlineData("CollectorAddress", "not a url")]
    [InlineData("IdPrefix", "bad prefix")]
    [InlineData("Kinds:0", "bad kind")]
    public void Validate_RejectsOutOfRangeSettings(string key, string value)
    {
        var options = Bind(new Dictionary<string, string?> { [$"Simulator:{key}"] = value });

        Assert.NotEmpty(Validate(options));
    }

    [Fact]
    public void Host_BindsCommandLineOverridesAndSetsTheHostShutdownBeyondTheFlush()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = ["--Simulator:Sensors=1000", "--Simulator:Duration=00:00:20", "--Simulator:BufferFullPolicy=DropOldest", "--Simulator:ShutdownTimeout=00:00:07"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddSensorSimulator();
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        var hostOptions = host.Services.GetRequiredService<IOptions<HostOptions>>().Value;

        Assert.Equal(1000, options.Sensors);
        Assert.Equal(TimeSpan.FromSeconds(20), options.Duration);
        Assert.Equal(BufferFullPolicy.DropOldest, options.BufferFullPolicy);
        Assert.True(hostOptions.ShutdownTimeout > options.ShutdownTimeout);
    }

    [Fact]
    public void EffectiveCollectorAddresses_WithoutAList_IsCollectorAddressAlone()
    {
        var options = new SimulatorOptions { CollectorAddress = "http://10.0.0.1:5000" };

        Assert.Equal(["http://10.0.0.1:5000"], options.EffectiveCollectorAddresses);
    }

    [Fact]
    public void EffectiveCollectorAddresses_WithAList_IsTheListInOrderAndIgnoresCollectorAddress()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Simulator:CollectorAddress"] = "not a url",
            ["Simulator:CollectorAddresses:0"] = "http://127.0.0.1:5000",
            ["Simulator:CollectorAddresses:1"] = "https://collector-b:5001",
        });

        Assert.Equal(["http://127.0.0.1:5000", "https://collector-b:5001"], options.EffectiveCollectorAddresses);
        Assert.Empty(Validate(options));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:5000")]
    [InlineData("127.0.0.1:5000")]
    [InlineData("/collector")]
    [InlineData("")]
    public void Validate_ACollectorAddressThatIsNotAbsoluteHttp_NamesTheSettingAndItsIndex(string address)
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Simulator:CollectorAddresses:0"] = "http://127.0.0.1:5000",
            ["Simulator:CollectorAddresses:1"] = address,
        });

        var error = Assert.Single(Validate(options)).ErrorMessage;

        Assert.StartsWith("Simulator:CollectorAddresses:1 (", error, StringComparison.Ordinal);
        Assert.Contains("http:// or https://", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TheSingleCollectorAddressNotHttp_NamesTheSetting()
    {
        var options = new SimulatorOptions { CollectorAddress = "ftp://127.0.0.1:5000" };

        Assert.StartsWith("Simulator:CollectorAddress (", Assert.Single(Validate(options)).ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TheSameCollectorListedTwice_NamesBothEntries()
    {
        var options = new SimulatorOptions { CollectorAddresses = ["http://127.0.0.1:5000", "http://127.0.0.1:5001", "HTTP://127.0.0.1:5000/"] };

        var error = Assert.Single(Validate(options)).ErrorMessage;

        Assert.Contains("Simulator:CollectorAddresses:2", error, StringComparison.Ordinal);
        Assert.Contains("Simulator:CollectorAddresses:0", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_BindsCollectorAddressesFromTheCommandLineAndRefusesABadOneNamingIt()
    {
        using var good = BuildHost("--Simulator:CollectorAddresses:0=http://127.0.0.1:5000", "--Simulator:CollectorAddresses:1=http://127.0.0.1:5001");
        Assert.Equal(
            ["http://127.0.0.1:5000", "http://127.0.0.1:5001"],
            good.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value.EffectiveCollectorAddresses);

        // The host's shutdown timeout reads the simulator's options, so a bad address stops the host as it is built.
        var error = Assert.Throws<OptionsValidationException>(() =>
            BuildHost("--Simulator:CollectorAddresses:0=http://127.0.0.1:5000", "--Simulator:CollectorAddresses:1=127.0.0.1:5001"));
        Assert.Contains("Simulator:CollectorAddresses:1 ('127.0.0.1:5001')", error.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(params string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddSensorSimulator();
        return builder.Build();
    }

    private static SimulatorOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return configuration.GetSection(SimulatorOptions.SectionName).Get<SimulatorOptions>() ?? new SimulatorOptions();
    }

    private static List<ValidationResult> Validate(SimulatorOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
