using Ingest.Collector.Security;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Tests.Security;

public sealed class SecurityOptionsValidatorTests
{
    [Fact]
    public void Validate_DemoKeys_PassInDevelopment() =>
        Assert.True(Validate(DemoKeys(), Environments.Development).Succeeded);

    [Fact]
    public void Validate_NoKeys_Fails() =>
        Assert.Contains("Collector:Security:Keys is empty", Validate(new SecurityOptions(), Environments.Development).FailureMessage, StringComparison.Ordinal);

    [Fact]
    public void Validate_EmptyKey_FailsNamingTheEntry()
    {
        var options = DemoKeys();
        options.Keys["demo-viewer"].Key = " ";

        Assert.Contains("Collector:Security:Keys:demo-viewer:Key is empty", Validate(options, Environments.Development).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownRole_FailsListingTheRoles()
    {
        var options = DemoKeys();
        options.Keys["demo-viewer"].Role = "Operator";

        Assert.Contains("Collector:Security:Keys:demo-viewer:Role is 'Operator'; it must be one of Sensor, Viewer, Admin",
            Validate(options, Environments.Development).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SensorKeyWithoutPatterns_Fails()
    {
        var options = DemoKeys();
        options.Keys["demo-sensors"].Sensors.Clear();

        Assert.Contains("Collector:Security:Keys:demo-sensors:Sensors is empty", Validate(options, Environments.Development).FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sim-*-x")]
    [InlineData("*sim")]
    public void Validate_PatternNotAnIdPrefixOrStar_Fails(string pattern)
    {
        var options = DemoKeys();
        options.Keys["demo-sensors"].Sensors[0] = pattern;

        Assert.Contains("Collector:Security:Keys:demo-sensors:Sensors:0", Validate(options, Environments.Development).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TwoEntriesWithOneKey_FailsNamingBothWithoutTheKey()
    {
        var options = DemoKeys();
        options.Keys["demo-admin"].Key = TestKeys.Viewer;

        var failure = Validate(options, Environments.Development).FailureMessage;

        Assert.Contains("Collector:Security:Keys:demo-admin:Key is the same key as Collector:Security:Keys:demo-viewer", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.Viewer, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Validate_DemoKeyOutsideDevelopment_FailsNamingTheEntryAndTheReadme(string environment)
    {
        var failure = Validate(DemoKeys(), environment).FailureMessage;

        Assert.Contains("Collector:Security:Keys:demo-sensors:Key is a demo key", failure, StringComparison.Ordinal);
        Assert.Contains("README \"Security\"", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OwnKeysOutsideDevelopment_Pass()
    {
        var options = DemoKeys();
        foreach (var (name, entry) in options.Keys)
        {
            entry.Key = $"own-{name}-7f3a9c";
        }

        Assert.True(Validate(options, Environments.Production).Succeeded);
    }

    [Theory]
    [InlineData("Health")]
    [InlineData("Reflection")]
    [InlineData("Metrics")]
    public void Validate_AccessModeGivenAsANumberThatIsNoMode_FailsNamingTheSetting(string setting)
    {
        var options = DemoKeys();
        new ConfigurationBuilder().AddInMemoryCollection([new(setting, "2")]).Build().Bind(options);

        Assert.Contains($"Collector:Security:{setting} is 2; it must be one of Open, Key", Validate(options, Environments.Development).FailureMessage, StringComparison.Ordinal);
    }

    private static ValidateOptionsResult Validate(SecurityOptions options, string environment) =>
        new SecurityOptionsValidator(new FixedHostEnvironment(environment)).Validate(null, options);

    private static SecurityOptions DemoKeys() => new()
    {
        Keys =
        {
            ["demo-sensors"] = new KeyOptions { Key = TestKeys.Sensor, Role = "Sensor", Sensors = ["sim-*"] },
            ["demo-viewer"] = new KeyOptions { Key = TestKeys.Viewer, Role = "Viewer" },
            ["demo-admin"] = new KeyOptions { Key = TestKeys.Admin, Role = "Admin" },
        },
    };

    private sealed class FixedHostEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Ingest.Collector";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
