using Microsoft.Extensions.Hosting;

namespace Ingest.Collector.Diagnostics;

/// <summary>Takes <see cref="SchedulingDelay"/>'s samples for as long as the collector runs.</summary>
internal sealed class SchedulingDelaySampler(SchedulingDelay delay) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => delay.RunAsync(stoppingToken);
}
