using System.ComponentModel.DataAnnotations;
using Ingest.Collector.Aggregation;
using Microsoft.Extensions.Configuration;

namespace Ingest.Collector.Tests.Aggregation;

public sealed class AggregationOptionsTests
{
    [Fact]
    public void WindowSizes_NoneConfigured_AreOneTenAndSixtySeconds() =>
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60)], new AggregationOptions().WindowSizes);

    [Fact]
    public void Bind_ConfiguredWindows_ReplaceTheDefaultsSortedAndWithoutDuplicates()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Windows:0"] = "00:00:05",
            ["Windows:1"] = "00:00:02",
            ["Windows:2"] = "00:00:05",
        }).Build();
        var options = new AggregationOptions();

        configuration.Bind(options);

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)], options.WindowSizes);
    }

    [Fact]
    public void Validate_Defaults_Pass() => Assert.Empty(Validate(new AggregationOptions()));

    [Fact]
    public void Validate_KeptWindowsShorterThanTheAllowedLateness_Fails()
    {
        var options = new AggregationOptions
        {
            Windows = [TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)],
            DefaultWindow = TimeSpan.FromSeconds(1),
            AllowedLateness = TimeSpan.FromSeconds(5),
            ClosedWindowsKept = 8,
        };

        var failure = Assert.Single(Validate(options));

        Assert.Contains("keep at least 50", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DefaultWindowNotKept_FailsNamingTheWindowsKept()
    {
        var errors = Validate(new AggregationOptions { Windows = [TimeSpan.FromSeconds(10)] });

        Assert.Contains(errors, e => e.Contains("DefaultWindow 00:00:01 is not one of the Windows (00:00:10)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(50)]
    [InlineData(1500.5)]
    public void Validate_WindowTooShortOrNotWholeMilliseconds_Fails(double milliseconds)
    {
        var errors = Validate(new AggregationOptions { Windows = [TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(milliseconds)] });

        Assert.Contains(errors, e => e.Contains("whole milliseconds", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ThresholdsOutOfOrder_Fail()
    {
        var errors = Validate(new AggregationOptions { StaleAfter = TimeSpan.FromSeconds(30), OfflineAfter = TimeSpan.FromSeconds(30), EvictAfter = TimeSpan.FromSeconds(20) });

        Assert.Contains(errors, e => e.StartsWith("OfflineAfter", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("EvictAfter", StringComparison.Ordinal));
    }

    private static List<string> Validate(AggregationOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "")];
    }
}
