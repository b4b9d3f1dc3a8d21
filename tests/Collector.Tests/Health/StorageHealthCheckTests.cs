using Ingest.Collector.Health;
using Ingest.Collector.Storage.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Health;

public sealed class StorageHealthCheckTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly StorageHealth _health;

    public StorageHealthCheckTests() => _health = new StorageHealth(_time);

    [Fact]
    public async Task CheckHealthAsync_BeforeOpen_IsUnhealthy()
    {
        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("not open", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHealthAsync_Open_IsHealthy()
    {
        _health.Opened();

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync()).Status);
    }

    [Fact]
    public async Task CheckHealthAsync_AfterFailedCommits_IsUnhealthyWithTheCountAndLatestReason_AndNoStackTraceToLog()
    {
        _health.Opened();
        _health.CommitFailed(new IOException("disk full"), damaged: false);
        _time.Advance(TimeSpan.FromSeconds(7));
        _health.CommitFailed(new IOException("still full"), damaged: false);

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("storage writes fail: 2 failed commits over 7 s, the latest: still full", result.Description);
        Assert.Null(result.Exception);
    }

    [Fact]
    public void CommitFailed_OnlyTheFirstOfAnOutage_IsNewsToLog()
    {
        _health.Opened();

        Assert.True(_health.CommitFailed(new IOException("disk full"), damaged: false));
        Assert.False(_health.CommitFailed(new IOException("disk full"), damaged: false));
        Assert.False(_health.CommitFailed(new IOException("disk full"), damaged: false));
        Assert.Equal(3, _health.FailedCommits);
    }

    [Fact]
    public void CommitSucceeded_AfterFailures_EndsTheOutageWithItsCountAndDuration()
    {
        _health.Opened();
        _health.CommitFailed(new IOException("disk full"), damaged: false);
        _time.Advance(TimeSpan.FromSeconds(12));
        _health.CommitFailed(new IOException("disk full"), damaged: false);

        var outage = _health.CommitSucceeded();

        Assert.Equal(new StorageOutage(2, TimeSpan.FromSeconds(12)), outage);
        Assert.True(_health.IsHealthy);
        Assert.Null(_health.CommitSucceeded());
        Assert.True(_health.CommitFailed(new IOException("full again"), damaged: false), "a failure after recovery begins a new outage");
    }

    [Fact]
    public void ProbeSucceeded_AfterACommitFailedMeanwhile_DoesNotEndTheOutage()
    {
        _health.Opened();
        _health.CommitFailed(new IOException("disk full"), damaged: false);
        var before = _health.FailedCommits;
        _health.CommitFailed(new IOException("disk full"), damaged: false);

        Assert.Null(_health.ProbeSucceeded(before));
        Assert.False(_health.IsHealthy);
        Assert.NotNull(_health.ProbeSucceeded(_health.FailedCommits));
        Assert.True(_health.IsHealthy);
    }

    [Fact]
    public void FileDamaged_NeitherAProbeNorACommitEndsTheOutage()
    {
        _health.Opened();
        var malformed = new Microsoft.Data.Sqlite.SqliteException("SQLite Error 11: 'database disk image is malformed'.", 11);
        _health.CommitFailed(malformed, SqliteErrors.IsDamage(malformed));

        Assert.True(_health.IsDamaged);
        Assert.Null(_health.ProbeSucceeded(_health.FailedCommits));
        Assert.Null(_health.CommitSucceeded());
        Assert.False(_health.IsHealthy);
        Assert.True(_health.IsDamaged);
    }

    private Task<HealthCheckResult> CheckAsync() => new StorageHealthCheck(_health).CheckHealthAsync(new HealthCheckContext());
}
