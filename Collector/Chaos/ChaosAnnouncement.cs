using Ingest.Collector.Settings;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Chaos;

/// <summary>
/// Takes Collector:Chaos at start (the first read of <see cref="IOptions{TOptions}"/>, which never reloads) and
/// warns when it is on, so nobody mistakes injected faults for real ones; warns again whenever the settings file
/// changes its rates, and when it tries to switch chaos on or off, which only a restart does.
/// </summary>
internal sealed class ChaosAnnouncement(IOptions<ChaosOptions> options, LastGoodOptions<ChaosOptions> live, ILogger<ChaosAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var chaos = options.Value;
        if (chaos.Enabled)
        {
            ChaosLog.Enabled(logger, chaos.Commit.FaultRate, chaos.Commit.LatencyRate, chaos.Commit.Latency, chaos.DropAckAfterCommitRate, chaos.AbortStreamAfterBatches, chaos.AbortStreamRate);
        }

        // A reload of any section reloads this one too, often twice per save: say only what changed.
        var announced = (chaos.Enabled, Rates(chaos));
        var gate = new Lock();
        live.OnChange(changed =>
        {
            lock (gate)
            {
                var now = (changed.Enabled, Rates(changed));
                if (now == announced)
                {
                    return;
                }

                announced = now;
                if (changed.Enabled != chaos.Enabled)
                {
                    ChaosLog.EnabledChangeIgnored(logger, changed.Enabled, chaos.Enabled);
                }
                else if (chaos.Enabled)
                {
                    ChaosLog.RatesChanged(logger, changed.Commit.FaultRate, changed.Commit.LatencyRate, changed.Commit.Latency, changed.DropAckAfterCommitRate, changed.AbortStreamAfterBatches, changed.AbortStreamRate);
                }
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static (double CommitFault, double CommitLatency, TimeSpan Latency, double DropAck, int AbortAfter, double AbortRate) Rates(ChaosOptions chaos) =>
        (chaos.Commit.FaultRate, chaos.Commit.LatencyRate, chaos.Commit.Latency, chaos.DropAckAfterCommitRate, chaos.AbortStreamAfterBatches, chaos.AbortStreamRate);
}
