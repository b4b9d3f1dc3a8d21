using System.ComponentModel.DataAnnotations;
using Ingest.SensorSimulator.Settings;
using Microsoft.Extensions.Configuration;

namespace Ingest.SensorSimulator.Tests.Settings;

public sealed class FailoverOptionsTests
{
    [Fact]
    public void Defaults_AreValid_ThreeFailuresAndFiveMinutesAway()
    {
        var options = new FailoverOptions();

        Assert.Empty(Validate(options));
        Assert.Equal(3, options.FailuresBeforeFailover);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ReturnHomeAfter);
    }

    [Theory]
    [InlineData("FailuresBeforeFailover", "0")]
    [InlineData("ReturnHomeAfter", "00:00:00")]
    [InlineData("ReturnHomeAfter", "2.00:00:00")]
    public void Validate_RejectsOutOfRangeSettings(string key, string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{FailoverOptions.SectionName}:{key}"] = value })
            .Build();
        var options = configuration.GetSection(FailoverOptions.SectionName).Get<FailoverOptions>()!;

        Assert.Contains(Validate(options), result => result.MemberNames.Contains(key));
    }

    private static List<ValidationResult> Validate(FailoverOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
