using System.Globalization;
using Ingest.LoadBenchmark.CommandLine;
using Ingest.LoadBenchmark.Hosting;
using Ingest.LoadBenchmark.Measurement;
using Ingest.LoadBenchmark.Storage;

namespace Ingest.LoadBenchmark.Fleet;

/// <summary>
/// One fleet size: a fresh collector (its Prometheus endpoint on a free port, for the runtime's GC counters), the sensors
/// split over worker processes of at most <see cref="BenchmarkSettings.FleetSensorsPerWorker"/> each, connected
/// <see cref="BenchmarkSettings.FleetConnectPerSecond"/> a second in all; measured for <see cref="BenchmarkSettings.FleetDuration"/>
/// from <see cref="Settle"/> after all connected (or the grace ran out); with <see cref="BenchmarkSettings.FleetRestart"/> the
/// collector is then restarted with the sensors running (<see cref="FleetRestartStorm"/>); then the workers stop, the collector
/// stops, and storage (one database over both of the collector's lives) is checked against every sensor's acknowledgements.
/// </summary>
internal sealed class FleetRun(BenchmarkSettings settings, string logDirectory, TextWriter progress, TimeProvider time)
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    /// <summary>How long after the last sensor was due to start the run waits for all to be connected before measuring anyway.</summary>
    public static readonly TimeSpan ConnectGrace = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(90);

    public async Task<FleetResult> RunAsync(int sensors, CancellationToken cancellationToken)
    {
        var name = $"fleet-{sensors}{(settings.FleetTls ? "-tls" : "")}";
        var workDirectory = Directory.CreateDirectory(Path.Combine(Path.GetFullPath(settings.StorageRoot), $"{name}-work-{Guid.NewGuid():N}")).FullName;
        try
        {
            return await RunInAsync(name, sensors, workDirectory, cancellationToken);
        }
        finally
        {
            Directory.Delete(workDirectory, recursive: true);
        }
    }

    /// <summary>
    /// The fleet collector's arguments: its Prometheus endpoint open on <paramref name="metricsPort"/>; a registration budget for
    /// twice the fleet (every sensor id is new to a fresh collector and all share one key); the certificate, if any; then
    /// <paramref name="userArguments"/>, last so that they win.
    /// </summary>
    public static List<string> CollectorArguments(int sensors, int metricsPort, FleetCertificate? certificate, IReadOnlyList<string> userArguments)
    {
        ArgumentNullException.ThrowIfNull(userArguments);
        var budget = (2L * sensors).ToString(CultureInfo.InvariantCulture);
        var arguments = new List<string>
        {
            "--Collector:Metrics:PrometheusEnabled=true",
            $"--Collector:Metrics:PrometheusPort={metricsPort.ToString(CultureInfo.InvariantCulture)}",
            "--Collector:Security:Metrics=Open",
            $"--Collector:Registration:NewSensorBurstPerKey={budget}",
            $"--Collector:Registration:MaxSensorsPerKey={budget}",

            // Every sensor of the fleet holds an upload stream most of the time, all on one key: the key may hold every
            // upload slot, and there are slots for twice the fleet (the default 16,384 at 75 % a key would refuse a
            // 15,000-sensor fleet's uploads ResourceExhausted by key_share).
            "--Collector:Ingestion:UploadSharePerKeyPercent=100",
            $"--Collector:Ingestion:MaxConcurrentUploads={Math.Max(16_384, 2L * sensors).ToString(CultureInfo.InvariantCulture)}",
        };
        if (certificate is not null)
        {
            arguments.Add($"--Collector:Tls:CertificatePath={certificate.PfxPath}");
            arguments.Add($"--Collector:Tls:CertificatePassword={certificate.Password}");
        }

        arguments.AddRange(userArguments);
        return arguments;
    }

    private async Task<FleetResult> RunInAsync(string name, int sensors, string workDirectory, CancellationToken cancellationToken)
    {
        var metricsPort = FreePort.Next();
        var certificate = settings.FleetTls ? FleetCertificate.Create(workDirectory) : null;
        var arguments = CollectorArguments(sensors, metricsPort, certificate, settings.CollectorArguments);
        var workers = (sensors + settings.FleetSensorsPerWorker - 1) / settings.FleetSensorsPerWorker;
        var result = new FleetResult { Sensors = sensors, Tls = settings.FleetTls, Workers = workers };
        CollectorProcess collector;
        try
        {
            collector = await CollectorProcess.StartAsync(settings.CollectorDll, name, settings.StorageRoot, logDirectory, cancellationToken, arguments, settings.CollectorEnvironment);
        }
        catch (InvalidOperationException ex)
        {
            return result with { Failure = ex.Message };
        }

        await using var _ = collector;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var metricsAddress = $"http://127.0.0.1:{metricsPort}/metrics";
        var address = $"{(certificate is null ? "http" : "https")}://127.0.0.1:{collector.Port}";
        var idle = ProcessSample.TryRead(collector.Pid);
        var fleet = new List<FleetWorkerProcess>();
        try
        {
            var perWorkerRate = settings.FleetConnectPerSecond / (double)workers;
            for (var w = 0; w < workers; w++)
            {
                var first = w * settings.FleetSensorsPerWorker;
                var count = Math.Min(settings.FleetSensorsPerWorker, sensors - first);
                var workerSettings = new FleetWorkerSettings(
                    address, collector.ApiKey, first, count, perWorkerRate, Path.Combine(workDirectory, $"worker-{w}.json"), certificate?.Sha256);
                fleet.Add(FleetWorkerProcess.Start(workerSettings, Path.Combine(logDirectory, $"{name}-worker-{w}.log")));
            }

            await progress.WriteLineAsync($"bench: fleet: {sensors:N0} sensors, each on its own connection{(certificate is null ? "" : " (TLS, ECDSA P-256)")}, over {workers} generator processes, {settings.FleetConnectPerSecond:N0} connections a second...");
            var connectStarted = time.GetTimestamp();
            var deadline = TimeSpan.FromSeconds(sensors / (double)settings.FleetConnectPerSecond) + ConnectGrace;
            double? connectSeconds = null;
            using (var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100), time))
            {
                while (await poll.WaitForNextTickAsync(cancellationToken))
                {
                    if (fleet.Sum(w => w.Welcomed) >= sensors)
                    {
                        connectSeconds = time.GetElapsedTime(connectStarted).TotalSeconds;
                        break;
                    }

                    if (collector.HasExited || fleet.Any(w => w.HasExited) || time.GetElapsedTime(connectStarted) > deadline)
                    {
                        break;
                    }
                }
            }

            var connectPhase = time.GetElapsedTime(connectStarted).TotalSeconds;
            var connected = fleet.Sum(w => w.Welcomed);
            await progress.WriteLineAsync(connectSeconds is { } s
                ? $"bench: fleet: {connected:N0} connected in {s:N1} s; measuring for {settings.FleetDuration.TotalSeconds:0} s after {Settle.TotalSeconds:0} s"
                : $"bench: fleet: only {connected:N0} of {sensors:N0} connected after {connectPhase:N0} s; measuring anyway");
            await Task.Delay(Settle, time, cancellationToken);

            var loadStart = LoadAverage();
            var runtimeStart = await CollectorRuntimeMetrics.TryScrapeAsync(http, metricsAddress, cancellationToken);
            var collectorStart = ProcessSample.TryRead(collector.Pid);
            var generatorStart = fleet.Select(w => w.Sample()).ToList();
            var connectedAtStart = fleet.Sum(w => w.Connected);
            foreach (var worker in fleet)
            {
                await worker.SendAsync("measure", cancellationToken);
            }

            var windowStarted = time.GetTimestamp();
            var rss = new List<long>();
            using (var sampler = new PeriodicTimer(TimeSpan.FromSeconds(1), time))
            {
                while (time.GetElapsedTime(windowStarted) < settings.FleetDuration && await sampler.WaitForNextTickAsync(cancellationToken))
                {
                    if (ProcessSample.TryRead(collector.Pid) is { } sample)
                    {
                        rss.Add(sample.RssBytes);
                    }
                }
            }

            foreach (var worker in fleet)
            {
                await worker.SendAsync("end-measure", cancellationToken);
            }

            var seconds = time.GetElapsedTime(windowStarted).TotalSeconds;
            var collectorEnd = ProcessSample.TryRead(collector.Pid);
            var generatorEnd = fleet.Select(w => w.Sample()).ToList();
            var runtimeEnd = await CollectorRuntimeMetrics.TryScrapeAsync(http, metricsAddress, cancellationToken);
            var loadEnd = LoadAverage();
            var exitedInWindow = collector.HasExited || collectorStart is null || collectorEnd is null;
            (FleetStormResult Storm, IReadOnlyList<double> ListeningAfterMark)? storm = settings.FleetRestart && !exitedInWindow
                ? await new FleetRestartStorm(collector, fleet, http, metricsAddress, progress, time).RunAsync(sensors, cancellationToken)
                : null;

            var results = new List<FleetWorkerResult>();
            var failures = new List<string>();
            foreach (var worker in fleet)
            {
                var (workerResult, failure) = await worker.StopAsync(StopTimeout, cancellationToken);
                if (workerResult is not null)
                {
                    results.Add(workerResult);
                }

                if (failure is not null)
                {
                    failures.Add(failure);
                }
            }

            if (exitedInWindow || (collector.HasExited && storm?.Storm.Failure is null))
            {
                failures.Add($"the collector exited during the run; see {collector.LogPath}");
            }

            await collector.StopAsync(cancellationToken);
            var acked = results.SelectMany(r => r.Acked).ToList();
            StorageVerdict? storage = null;
            try
            {
                storage = results.Count == workers ? StorageVerdict.Compare(StorageCheck.Read(collector.DatabasePath, acked), acked, readingsPerBatch: 1) : null;
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                storage = StorageVerdict.Unreadable(collector.DatabasePath, ex.Message, acked, 1);
            }

            var generatorCpu = GeneratorCpu(generatorStart, generatorEnd);
            var batches = results.Sum(r => r.BatchesInWindow);
            var steady = rss.Count == 0 ? 0 : rss.Order().ElementAt(rss.Count / 2);
            return result with
            {
                Connected = connected,
                ConnectSeconds = connectSeconds,
                ConnectPhaseSeconds = connectPhase,
                ConnectedAtStart = connectedAtStart,
                MinConnectedInWindow = results.Sum(r => Math.Max(0, r.MinConnectedInWindow)),
                ConnectedAtEnd = results.Sum(r => r.ConnectedAtEnd),
                Seconds = seconds,
                BatchesAcked = batches,
                ReadingsAcked = results.Sum(r => r.ReadingsInWindow),
                CollectorCpuPercentOfCore = collectorStart is null || collectorEnd is null ? 0 : (collectorEnd.CpuSeconds - collectorStart.CpuSeconds) / seconds * 100,
                GeneratorCpuPercentOfCore = generatorCpu / seconds * 100,
                CollectorIdleRssBytes = idle?.RssBytes ?? 0,
                CollectorPeakRssBytes = collectorEnd?.PeakRssBytes ?? 0,
                CollectorSteadyRssBytes = steady,
                GeneratorRssBytes = generatorEnd.Sum(s => s?.RssBytes ?? 0),
                GcPauseShare = runtimeStart is null || runtimeEnd is null ? null : (runtimeEnd.GcPauseSeconds - runtimeStart.GcPauseSeconds) / seconds,
                Gen2Collections = runtimeStart is null || runtimeEnd is null ? null : runtimeEnd.Gen2Collections - runtimeStart.Gen2Collections,
                AllocatedBytesPerBatch = runtimeStart is null || runtimeEnd is null || batches == 0 ? null : (runtimeEnd.AllocatedBytes - runtimeStart.AllocatedBytes) / batches,
                Errors = Merge(results.Select(r => r.Errors)),
                WindowErrors = Merge(results.Select(r => r.WindowErrors)),
                ControlStreamsEnded = results.Sum(r => r.ControlStreamsEnded),
                ConfigUpdatesApplied = results.Sum(r => r.ConfigUpdatesApplied),
                DuplicateBatches = results.Sum(r => r.DuplicateBatches),
                RejectedBatches = results.Sum(r => r.RejectedBatches),
                Storage = storage,
                Storm = storm is { } restarted && results.Count == workers ? WithSensors(restarted.Storm, restarted.ListeningAfterMark, results) : storm?.Storm,
                LoadAverageAtStart = loadStart,
                LoadAverageAtEnd = loadEnd,
                Failure = failures.Count == 0 ? null : string.Join("; ", failures),
            };
        }
        finally
        {
            foreach (var worker in fleet)
            {
                worker.Dispose();
            }
        }
    }

    /// <summary>The storm with what the workers saw of it: every sensor's times and the failed calls.</summary>
    private static FleetStormResult WithSensors(FleetStormResult storm, IReadOnlyList<double> listeningAfterMark, List<FleetWorkerResult> results) =>
        storm.WithSensorTimes(
            FleetStormResult.SinceListening(results, listeningAfterMark, r => r.StormWelcomedSeconds),
            FleetStormResult.SinceListening(results, listeningAfterMark, r => r.StormAckedSeconds)) with { Errors = Merge(results.Select(r => r.StormErrors)) };

    private static double GeneratorCpu(List<ProcessSample?> start, List<ProcessSample?> end) =>
        start.Zip(end).Sum(pair => pair.First is null || pair.Second is null ? 0 : pair.Second.CpuSeconds - pair.First.CpuSeconds);

    private static SortedDictionary<string, long> Merge(IEnumerable<IReadOnlyDictionary<string, long>> parts)
    {
        var merged = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (status, count) in parts.SelectMany(p => p))
        {
            merged[status] = merged.GetValueOrDefault(status) + count;
        }

        return merged;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "";
        }
    }
}
