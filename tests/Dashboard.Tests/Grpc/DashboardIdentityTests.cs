using Ingest.Dashboard.Grpc;

namespace Ingest.Dashboard.Tests.Grpc;

public sealed class DashboardIdentityTests
{
    [Theory]
    [InlineData("build-01", "dashboard-build-01")]
    [InlineData("Mac Book Pro (2)", "dashboard-Mac-Book-Pro--2-")]
    [InlineData("host.example:1_x", "dashboard-host.example:1_x")]
    [InlineData("rechner-ü", "dashboard-rechner--")]
    [InlineData("", "dashboard-unknown")]
    public void SensorIdFor_KeepsOnlyAllowedCharacters(string machine, string expected) =>
        Assert.Equal(expected, DashboardIdentity.SensorIdFor(machine));

    [Fact]
    public void SensorIdFor_LongMachineName_IsCutToTheCollectorsLimit() =>
        Assert.Equal(DashboardIdentity.MaxIdLength, DashboardIdentity.SensorIdFor(new string('x', 500)).Length);
}
