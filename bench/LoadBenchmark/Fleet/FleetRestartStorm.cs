using Ingest.LoadBenchmark.Hosting;
using Ingest.LoadBenchmark.Measurement;

namespace Ingest.LoadBenchmark.Fleet;

/// <summary>
/// <c>--fleet-restart</c>: with the fleet's sensors running, marks the workers, restarts the collector as <c>systemctl restart</c>
/// does (<see cref="CollectorProcess.RestartAsync"/>; the sensors are told nothing), and watches until every sensor was welcomed and
/// acknowledged again by the new collector or <see cref="FleetStormResult.Wait"/> ran out; then ends the mark and reads the new
/// collector's CPU, peak memory and connection refusals. The sensors' own times come with the workers' results, at the end of the run.
/// </summary>
internal sealed class FleetRestartStorm(CollectorProcess collector, IReadOnlyList<FleetWorkerProcess> fleet, HttpClient http, string metricsAddress, TextWriter progress, TimeProvider time)
{
    /// <summary>The collector's counter of connections refused on arrival, tagged with the reason.</summary>
    public const string RefusedMetric = "ingest_connections_refused_total";

    /// <summary>
    /// Runs the storm for a fleet of <paramref name="sensors"/>; returns its figures without the sensors' times, and per worker how many
    /// seconds after its mark the new collector listened (for <see cref="FleetStormResult.SinceListening"/>).
    /// </summary>
    public async Task<(FleetStormResult Storm, IReadOnlyList<double> ListeningAfterMark)> RunAsync(int sensors, CancellationToken cancellationToken)
    {
        var marked = new List<long>(fleet.Count);
        foreach (var worker in fleet)
        {
            await worker.SendAsync("mark", cancellationToken);
            marked.Add(time.GetTimestamp());
        }

        await progress.WriteLineAsync($"bench: fleet: restarting the collector (SIGTERM, then the same port and storage) with {sensors:N0} sensors running...");
        var storm = new FleetStormResult { Sensors = sensors };
        CollectorRestart restart;
        try
        {
            restart = await collector.RestartAsync(time, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            await EndMarkAsync(cancellationToken);
            return (storm with { Failure = "the collector did not come back: " + ex.Message }, [.. marked.Select(_ => 0.0)]);
        }

        var listening = time.GetTimestamp();
        var start = ProcessSample.TryRead(collector.Pid);
        await progress.WriteLineAsync(
            $"bench: fleet: the collector exited {restart.Stopped.TotalSeconds:N1} s after SIGTERM and listens again after {restart.Listening.TotalSeconds:N1} s; " +
            $"waiting up to {FleetStormResult.Wait.TotalSeconds:0} s for every sensor to be back");
        using (var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100), time))
        {
            while (await poll.WaitForNextTickAsync(cancellationToken))
            {
                var allBack = fleet.Sum(w => w.BackWelcomed) >= sensors && fleet.Sum(w => w.BackAcked) >= sensors;
                if (allBack || collector.HasExited || time.GetElapsedTime(listening) >= FleetStormResult.Wait)
                {
                    break;
                }
            }
        }

        await EndMarkAsync(cancellationToken);
        var observed = time.GetElapsedTime(listening).TotalSeconds;
        var end = ProcessSample.TryRead(collector.Pid);
        var refusals = await PrometheusText.TryScrapeAsync(http, metricsAddress, cancellationToken) is { } text ? PrometheusText.SumBy(text, RefusedMetric, "reason") : null;
        await progress.WriteLineAsync(
            $"bench: fleet: after {observed:N1} s {fleet.Sum(w => w.BackWelcomed):N0} sensors were welcomed and {fleet.Sum(w => w.BackAcked):N0} acknowledged again");
        return (
            storm with
            {
                StopSeconds = restart.Stopped.TotalSeconds,
                ListeningSeconds = restart.Listening.TotalSeconds,
                ObservedSeconds = observed,
                Refusals = refusals,
                PeakRssBytes = end?.PeakRssBytes ?? 0,
                CpuPercentOfCore = start is null || end is null ? 0 : (end.CpuSeconds - start.CpuSeconds) / observed * 100,
                Failure = collector.HasExited ? $"the restarted collector exited during the storm; see {collector.LogPath}" : null,
            },
            [.. marked.Select(m => time.GetElapsedTime(m, listening).TotalSeconds)]);
    }

    private async Task EndMarkAsync(CancellationToken cancellationToken)
    {
        foreach (var worker in fleet)
        {
            await worker.SendAsync("end-mark", cancellationToken);
        }
    }
}
