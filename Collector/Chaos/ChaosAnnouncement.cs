using Microsoft.Extensions.Options;

namespace Ingest.Collector.Chaos;

/// <summary>Warns at start when Collector:Chaos is on, so nobody mistakes injected faults for real ones.</summary>
internal sealed class ChaosAnnouncement(IOptions<ChaosOptions> options, ILogger<ChaosAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var chaos = options.Value;
        if (chaos.Enabled)
        {
            ChaosLog.Enabled(logger, chaos.Commit.FaultRate, chaos.Commit.LatencyRate, chaos.Commit.Latency, chaos.DropAckAfterCommitRate, chaos.AbortStreamAfterBatches);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
