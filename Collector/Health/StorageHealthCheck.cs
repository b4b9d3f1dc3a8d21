using Ingest.Collector.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ingest.Collector.Health;

/// <summary>
/// Reports storage for <c>grpc.health.v1</c>: healthy while writes succeed; after a failed write it
/// probes the store, so that health returns when storage does.
/// </summary>
internal sealed class StorageHealthCheck(StorageHealth health, IChunkStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!health.IsOpen)
        {
            return HealthCheckResult.Unhealthy("storage is not open yet");
        }

        if (health.IsHealthy)
        {
            return HealthCheckResult.Healthy();
        }

        try
        {
            await store.ProbeAsync(cancellationToken);
            health.Succeeded();
            return HealthCheckResult.Healthy("storage recovered");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("storage is failing: " + ex.Message, ex);
        }
    }
}
