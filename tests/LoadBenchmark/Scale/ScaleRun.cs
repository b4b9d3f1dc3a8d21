using Ingest.LoadBenchmark.CommandLine;
using Ingest.LoadBenchmark.Hosting;
using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Measurement;
using Ingest.ServiceDefaults.Grpc;

namespace Ingest.LoadBenchmark.Scale;

/// <summary>
/// The scale run: one collector, <see cref="BenchmarkSettings.ScaleSensors"/> sensors connected gradually
/// (<see cref="ConnectPerSecond"/> a second), measured for <see cref="BenchmarkSettings.ScaleDuration"/>
/// from <see cref="Settle"/> after the last one connected.
/// </summary>
internal sealed class ScaleRun(BenchmarkSettings settings, string logDirectory, TextWriter progress, TimeProvider time)
{
    public const int ConnectPerSecond = 500;

    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    /// <summary>How long after the last sensor started the run waits for all to be connected before measuring anyway.</summary>
    public static readonly TimeSpan ConnectGrace = TimeSpan.FromSeconds(60);

    public async Task<ScaleResult> RunAsync(CancellationToken cancellationToken)
    {
        CollectorProcess collector;
        try
        {
            collector = await CollectorProcess.StartAsync(settings.CollectorDll, "scale", logDirectory, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return new ScaleResult { Sensors = settings.ScaleSensors, Failure = ex.Message };
        }

        await using var _ = collector;
        using var channel = CollectorChannel.Create(collector.Address, TimeSpan.FromSeconds(30));
        var clients = new ScaleClients(channel.CreateCallInvoker());
        var tally = new ScaleTally();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sensors = new List<Task>(settings.ScaleSensors);

        await progress.WriteLineAsync($"bench: scale: connecting {settings.ScaleSensors:N0} sensors, {ConnectPerSecond} a second...");
        var connectStarted = time.GetTimestamp();
        var pacer = new Pacer(time, TimeSpan.FromSeconds(1.0 / ConnectPerSecond));
        for (var i = 0; i < settings.ScaleSensors; i++)
        {
            await pacer.WaitAsync(cancellationToken);
            var sensor = new ScaleSensor($"bench-scale-{i:D5}", clients, tally, time);
            sensors.Add(Task.Run(() => sensor.RunAsync(stopping.Token), CancellationToken.None));
        }

        using (var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            grace.CancelAfter(ConnectGrace);
            using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100), time);
            try
            {
                while (tally.Connected < settings.ScaleSensors && await poll.WaitForNextTickAsync(grace.Token))
                {
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await progress.WriteLineAsync($"bench: scale: only {tally.Connected:N0} of {settings.ScaleSensors:N0} connected after {ConnectGrace.TotalSeconds:0} s more; measuring anyway");
            }
        }

        var connectSeconds = time.GetElapsedTime(connectStarted).TotalSeconds;
        await progress.WriteLineAsync($"bench: scale: {tally.Connected:N0} connected in {connectSeconds:N1} s; measuring for {settings.ScaleDuration.TotalSeconds:0} s after {Settle.TotalSeconds:0} s");
        await Task.Delay(Settle, time, cancellationToken);

        var window = RunWindow.StartingAfter(time, TimeSpan.Zero, settings.ScaleDuration);
        tally.StartMeasuring(window);
        var measuredAt = time.GetUtcNow();
        var connectedAtStart = tally.Connected;
        var collectorStart = ProcessSample.Read(collector.Pid);
        var clientStart = ProcessSample.Read(Environment.ProcessId);
        await Task.Delay(settings.ScaleDuration, time, cancellationToken);
        var collectorEnd = collector.HasExited ? null : ProcessSample.Read(collector.Pid);
        var clientEnd = ProcessSample.Read(Environment.ProcessId);
        var connectedAtEnd = tally.Connected;

        await stopping.CancelAsync();
        await Task.WhenAll(sensors).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        var exited = collector.HasExited;
        await collector.StopAsync(cancellationToken);

        var seconds = settings.ScaleDuration.TotalSeconds;
        var collectorCpu = collectorEnd is null ? 0 : collectorEnd.CpuSeconds - collectorStart.CpuSeconds;
        return new ScaleResult
        {
            MeasuredAt = measuredAt,
            Sensors = settings.ScaleSensors,
            ConnectedAtStart = (int)connectedAtStart,
            ConnectedAtEnd = (int)connectedAtEnd,
            ConnectSeconds = connectSeconds,
            Seconds = seconds,
            ReadingsAcked = tally.ReadingsInWindow,
            ReadingsPerSecond = tally.ReadingsInWindow / seconds,
            Latency = LatencySummary.Of(tally.LatenciesMs),
            CollectorCpuSeconds = collectorCpu,
            CollectorCpuPercentOfCore = collectorCpu / seconds * 100,
            CollectorPeakRssBytes = collectorEnd?.PeakRssBytes ?? 0,
            CollectorEndRssBytes = collectorEnd?.RssBytes ?? 0,
            ClientCpuSeconds = clientEnd.CpuSeconds - clientStart.CpuSeconds,
            Errors = tally.Errors,
            ControlStreamsEnded = tally.ControlStreamsEnded,
            ConfigUpdatesApplied = tally.ConfigUpdatesApplied,
            DuplicateBatches = tally.DuplicateBatches,
            RejectedBatches = tally.RejectedBatches,
            Failure = exited ? $"the collector exited during the run; see {collector.LogPath}" : null,
        };
    }
}
