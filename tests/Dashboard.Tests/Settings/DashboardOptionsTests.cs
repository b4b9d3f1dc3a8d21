using System.ComponentModel.DataAnnotations;
using Ingest.Dashboard.Settings;

namespace Ingest.Dashboard.Tests.Settings;

public sealed class DashboardOptionsTests
{
    [Fact]
    public void Collectors_WithoutCollectorAddresses_IsTheSingleCollectorAddress()
    {
        var options = new DashboardOptions { CollectorAddress = "http://10.0.0.1:5000" };

        Assert.Equal(["http://10.0.0.1:5000"], options.Collectors());
        Assert.Empty(Validate(options));
    }

    [Fact]
    public void Collectors_WithCollectorAddresses_AreThoseInOrder()
    {
        var options = new DashboardOptions { CollectorAddresses = ["http://10.0.0.1:5000", "https://10.0.0.2:5001"] };

        Assert.Equal(["http://10.0.0.1:5000", "https://10.0.0.2:5001"], options.Collectors());
        Assert.Equal("http://10.0.0.1:5000 or https://10.0.0.2:5001", options.CollectorsText());
        Assert.Empty(Validate(options));
    }

    [Fact]
    public void Validate_BadEntryInCollectorAddresses_NamesTheSettingAndItsIndex()
    {
        var options = new DashboardOptions { CollectorAddresses = ["http://10.0.0.1:5000", "10.0.0.2:5001"] };

        var failure = Assert.Single(Validate(options));

        Assert.StartsWith("Dashboard:CollectorAddresses:1 '10.0.0.2:5001' must be an http:// or https:// address", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadCollectorAddress_NamesIt()
    {
        var options = new DashboardOptions { CollectorAddress = "ftp://10.0.0.1" };

        Assert.Contains("CollectorAddress 'ftp://10.0.0.1' must be an http:// or https:// address.", Validate(options));
    }

    private static List<string> Validate(DashboardOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(result => result.ErrorMessage ?? "").ToList();
    }
}
