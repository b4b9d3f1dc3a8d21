using Ingest.Collector.Security;

namespace Ingest.Collector.Tests.Security;

public sealed class MethodPoliciesTests
{
    [Theory]
    [InlineData("/ingest.v1.Admin/SomethingNew")]
    [InlineData("/ingest.v1.Ingestion/SomethingNew")]
    [InlineData("/other.v1.Service/Call")]
    [InlineData("")]
    public void For_MethodNotListed_NeedsAnAdminKey(string method) =>
        Assert.Equal(nameof(CallPolicy.Admin), MethodPolicies.For(method).ToString());

    [Theory]
    [InlineData("/ingest.v1.Ingestion/Upload", nameof(CallPolicy.Sensor))]
    [InlineData("/ingest.v1.Greeter/Greet", nameof(CallPolicy.Greeting))]
    [InlineData("/ingest.v1.Query/ReadReadings", nameof(CallPolicy.Viewer))]
    [InlineData("/grpc.health.v1.Health/Watch", nameof(CallPolicy.Health))]
    [InlineData("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", nameof(CallPolicy.Reflection))]
    [InlineData("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", nameof(CallPolicy.Reflection))]
    public void For_KnownMethod_HasItsPolicy(string method, string policy) =>
        Assert.Equal(policy, MethodPolicies.For(method).ToString());

    [Theory]
    [InlineData(nameof(CallPolicy.Sensor), nameof(CallerRole.Viewer))]
    [InlineData(nameof(CallPolicy.Sensor), nameof(CallerRole.Admin))]
    [InlineData(nameof(CallPolicy.Viewer), nameof(CallerRole.Sensor))]
    [InlineData(nameof(CallPolicy.Admin), nameof(CallerRole.Viewer))]
    [InlineData(nameof(CallPolicy.Admin), nameof(CallerRole.Sensor))]
    public void Permits_RoleWithoutTheRight_IsFalse(string policy, string role) =>
        Assert.False(MethodPolicies.Permits(Enum.Parse<CallPolicy>(policy), Enum.Parse<CallerRole>(role)));

    [Theory]
    [InlineData(nameof(CallPolicy.Sensor), nameof(CallerRole.Sensor))]
    [InlineData(nameof(CallPolicy.Greeting), nameof(CallerRole.Sensor))]
    [InlineData(nameof(CallPolicy.Greeting), nameof(CallerRole.Viewer))]
    [InlineData(nameof(CallPolicy.Greeting), nameof(CallerRole.Admin))]
    [InlineData(nameof(CallPolicy.Viewer), nameof(CallerRole.Viewer))]
    [InlineData(nameof(CallPolicy.Viewer), nameof(CallerRole.Admin))]
    [InlineData(nameof(CallPolicy.Admin), nameof(CallerRole.Admin))]
    public void Permits_RoleWithTheRight_IsTrue(string policy, string role) =>
        Assert.True(MethodPolicies.Permits(Enum.Parse<CallPolicy>(policy), Enum.Parse<CallerRole>(role)));
}
