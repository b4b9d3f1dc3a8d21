using Microsoft.Extensions.Options;

namespace Ingest.Collector.Chaos;

/// <summary>
/// Takes Collector:Chaos at start (the first read of <see cref="IOptions{TOptions}"/>, which never reloads) and
/// warns when it is on, so nobody mistakes injected faults for real ones.
/// </summary>
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
