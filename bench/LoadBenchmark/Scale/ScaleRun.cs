using Ingest.LoadBenchmark.CommandLine;
using Ingest.LoadBenchmark.Hosting;
using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Measurement;
using Ingest.Protocol;

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

    /// <summary>How long the sensors may take to stop once told to; longer is a failure of the run.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(60);

    public async Task<ScaleResult> RunAsync(CancellationToken cancellationToken)
    {
        CollectorProcess collector;
        try
        {
            collector = await CollectorProcess.StartAsync(settings.CollectorDll, "scale", settings.StorageRoot, logDirectory, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return new ScaleResult { Sensors = settings.ScaleSensors, Failure = ex.Message };
        }

        await using var _ = collector;
        using var channel = CollectorChannel.Create(
            collector.Address, TimeSpan.FromSeconds(30), collector.ApiKey, new CollectorTlsOptions(), "LoadBenchmark:Tls");
        var clients = new ScaleClients(channel.CreateCallInvoker());
        var tally = new ScaleTally(time);
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
        var collectorStart = collector.HasExited ? null : ProcessSample.TryRead(collector.Pid);
        var clientStart = ProcessSample.Read(Environment.ProcessId);
        await Task.Delay(settings.ScaleDuration, time, cancellationToken);
        var collectorEnd = collector.HasExited ? null : ProcessSample.TryRead(collector.Pid);
        var clientEnd = ProcessSample.Read(Environment.ProcessId);
        var connectedAtEnd = tally.Connected;

        await stopping.CancelAsync();
        var stopFailure = await StopSensorsAsync(sensors, cancellationToken);
        var exited = collector.HasExited || collectorStart is null || collectorEnd is null;
        var exitCode = collector.ExitCode;
        var logTail = exited ? collector.LogTail(Reporting.RunResult.LogTailLines) : [];
        await collector.StopAsync(cancellationToken);

        var seconds = settings.ScaleDuration.TotalSeconds;
        var failures = new[]
        {
            exited ? $"the collector exited during the run{(exitCode is { } code ? $" with {code}" : "")}; see {collector.LogPath}" : null,
            stopFailure,
        }.OfType<string>().ToList();
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
            Latency = LatencySummary.Of(tally.BatchLatency),
            CompletionToAck = LatencySummary.Of(tally.CompletionToAck),
            Process = ProcessFigures.Of(collectorStart, collectorEnd, clientStart, clientEnd, seconds),
            Errors = tally.Errors,
            ControlStreamsEnded = tally.ControlStreamsEnded,
            ConfigUpdatesApplied = tally.ConfigUpdatesApplied,
            DuplicateBatches = tally.DuplicateBatches,
            RejectedBatches = tally.RejectedBatches,
            Failure = failures.Count == 0 ? null : string.Join("; ", failures),
            CollectorLogTail = logTail,
        };
    }

    /// <summary>Waits for the sensors told to stop; a description of those that did not within <see cref="StopGrace"/>, or null.</summary>
    private async Task<string?> StopSensorsAsync(List<Task> sensors, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(sensors).WaitAsync(StopGrace, time, cancellationToken);
            return null;
        }
        catch (TimeoutException)
        {
            var running = sensors.Count(s => !s.IsCompleted);
            await progress.WriteLineAsync($"bench: scale: {running:N0} sensors still running {StopGrace.TotalSeconds:0} s after being told to stop");
            return $"{running:N0} of {sensors.Count:N0} sensors did not stop within {StopGrace.TotalSeconds:0} s of being told to";
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A sensor task that ended by an exception the sensor did not expect: the run reports it rather than crashing.
            return $"a sensor failed: {ex.GetType().Name}: {ex.Message}";
        }
    }
}
