using Microsoft.Extensions.Hosting;

namespace Ingest.Collector.Control;

/// <summary>
/// Holds the collector's stop, before the server stops, until its control streams have ended — each with Unavailable,
/// as the collector starts stopping — and then for <see cref="Grace"/>, at most <see cref="MostWait"/> in all; with none
/// open it does not hold the stop at all. The grace is a timed wait: nothing tells the collector that a stream's last
/// frames have left. Without
/// it the server's graceful close raced the streams' last frames: under a fleet, most control streams of a stopping
/// collector ended at the sensor with "the server closed the connection" (Internal) instead of the Unavailable they
/// were sent, and a sensor cannot tell that from a collector that failed.
/// </summary>
internal sealed class ControlStreamsDrain(ControlSessions sessions, TimeProvider time) : IHostedLifecycleService
{
    /// <summary>The longest the stop waits for the control streams to end.</summary>
    public static readonly TimeSpan MostWait = TimeSpan.FromSeconds(3);

    /// <summary>How long after the last control stream ended the server still waits, for the streams' last frames to go out.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (sessions.Count == 0)
        {
            // No control stream to end: nothing to wait for (a collector without sensors, or a test host, stops at once).
            return;
        }

        var started = time.GetTimestamp();
        try
        {
            while (sessions.Count > 0 && time.GetElapsedTime(started) < MostWait)
            {
                await Task.Delay(Poll, time, cancellationToken);
            }

            await Task.Delay(Grace, time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout ran out: the server stops now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
