using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.SensorSimulator.Spool;

/// <summary>
/// Opens the spool (when <c>Simulator:Spool:Path</c> is set) before the fleet starts, so that every sensor finds what
/// the process before it left unsettled, and closes it after the fleet has flushed: it is registered before the fleet's
/// worker, and the host stops services in reverse order.
/// </summary>
internal sealed class SpoolService(
    SpoolHolder holder, IOptions<SpoolOptions> options, TimeProvider time, ILogger<SensorSpool> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            holder.Set(await SensorSpool.OpenAsync(options.Value, time, logger, cancellationToken));
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (holder.Spool is { } spool)
        {
            holder.Set(null);
            await spool.DisposeAsync();
        }
    }
}
