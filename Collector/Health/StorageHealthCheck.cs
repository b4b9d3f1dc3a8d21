using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ingest.Collector.Health;

/// <summary>
/// Reports storage for <c>grpc.health.v1</c>: healthy while writes succeed, unhealthy from a failed commit until a
/// commit or <see cref="StorageRecoveryService"/>'s write probe succeeds. It does not probe itself: a health poller
/// must not be able to make the collector write.
/// </summary>
internal sealed class StorageHealthCheck(StorageHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!health.IsOpen)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("storage is not open yet"));
        }

        if (health.Failure is not { } failure)
        {
            return Task.FromResult(HealthCheckResult.Healthy());
        }

        var what = health.IsDamaged ? "the database file is damaged; stop the collector and recover it (see its log)" : "storage writes fail";
        // No exception in the result: the health check service would log its stack trace at every poll.
        return Task.FromResult(HealthCheckResult.Unhealthy(
            $"{what}: {health.FailedCommits} failed commits over {health.FailingFor.TotalSeconds:F0} s, the latest: {failure.Message}"));
    }
}
