using Ingest.Collector.Health;
using Ingest.Collector.Tests.TestDoubles;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ingest.Collector.Tests.Health;

public sealed class StorageHealthCheckTests
{
    private readonly StorageHealth _health = new();

    [Fact]
    public async Task CheckHealthAsync_BeforeOpen_IsUnhealthy()
    {
        await using var store = new ScriptedChunkStore();

        var result = await CheckAsync(store);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("not open", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHealthAsync_Open_IsHealthy()
    {
        await using var store = new ScriptedChunkStore { Failure = new IOException("a probe is not needed") };
        _health.Opened();

        var result = await CheckAsync(store);

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task CheckHealthAsync_AfterFailureWhenProbeSucceeds_RecoversHealth()
    {
        await using var store = new ScriptedChunkStore();
        _health.Opened();
        _health.Failed(new IOException("disk full"));

        var result = await CheckAsync(store);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.True(_health.IsHealthy);
        Assert.Null(_health.Failure);
    }

    [Fact]
    public async Task CheckHealthAsync_AfterFailureWhenProbeThrows_StaysUnhealthyWithTheReason()
    {
        await using var store = new ScriptedChunkStore { Failure = new IOException("still full") };
        _health.Opened();
        _health.Failed(new IOException("disk full"));

        var result = await CheckAsync(store);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("still full", result.Description, StringComparison.Ordinal);
        Assert.IsType<IOException>(result.Exception);
        Assert.False(_health.IsHealthy);
    }

    [Fact]
    public void StorageHealth_FailedThenSucceeded_IsHealthyAgain()
    {
        _health.Opened();
        _health.Failed(new IOException("disk full"));
        Assert.False(_health.IsHealthy);

        _health.Succeeded();

        Assert.True(_health.IsHealthy);
    }

    private Task<HealthCheckResult> CheckAsync(ScriptedChunkStore store) =>
        new StorageHealthCheck(_health, store).CheckHealthAsync(new HealthCheckContext());
}
