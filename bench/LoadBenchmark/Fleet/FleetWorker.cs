using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Ingest.LoadBenchmark.Load;
using Ingest.LoadBenchmark.Storage;
using Ingest.Protocol;

namespace Ingest.LoadBenchmark.Fleet;

/// <summary>
/// A fleet worker process: runs its share of the fleet's sensors, each on a connection of its own, started
/// <see cref="FleetWorkerSettings.ConnectPerSecond"/> a second. Every second it prints a status line
/// (<c>fleet-status connected=N welcomed=N back-welcomed=N back-acked=N</c>) for the fleet run; it reads commands from standard
/// input: <c>measure</c> (acks and errors count in the measured window from now), <c>end-measure</c>, <c>mark</c> (a collector
/// restart follows: errors count in its storm from now, and sensors welcomed or acknowledged by a new collector instance are back,
/// see <see cref="FleetStormTally"/>), <c>end-mark</c>, <c>stop</c> (the sensors stop, the result is written, the process exits). Several workers share a fleet so that no process holds
/// more connections than its open-file limit allows, and their CPU is the generator's, apart from the collector's.
/// </summary>
internal sealed class FleetWorker(FleetWorkerSettings settings, TextReader commands, TextWriter status, TimeProvider time)
{
    public const string StatusPrefix = "fleet-status";

    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(60);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var settings = FleetWorkerSettings.Parse(args);
        await new FleetWorker(settings, Console.In, Console.Out, TimeProvider.System).RunAsync(cancellationToken);
        return 0;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var tally = new FleetTally(settings.Count, time);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var headers = new Metadata
        {
            { WireProtocol.VersionHeader, WireProtocol.Version.ToString(CultureInfo.InvariantCulture) },
            { "authorization", "Bearer " + settings.ApiKey },
        };
        var epoch = time.GetUtcNow();
        var channels = new List<GrpcChannel>(settings.Count);
        var sensors = new List<Task>(settings.Count);
        var reporter = ReportAsync(tally, stopping.Token);
        var connecting = Task.Run(
            async () =>
            {
                var pacer = new Pacer(time, TimeSpan.FromSeconds(1.0 / settings.ConnectPerSecond));
                for (var i = 0; i < settings.Count && !stopping.IsCancellationRequested; i++)
                {
                    await pacer.WaitAsync(stopping.Token);
                    var channel = CreateChannel();
                    lock (channels)
                    {
                        channels.Add(channel);
                    }

                    var sensor = new FleetSensor(i, FleetWorkerSettings.SensorId(settings.First + i), channel.CreateCallInvoker(), headers, tally, time, epoch);
                    lock (sensors)
                    {
                        sensors.Add(Task.Run(() => RunSensorAsync(sensor, tally, stopping.Token), CancellationToken.None));
                    }
                }
            },
            CancellationToken.None);

        while (await commands.ReadLineAsync(cancellationToken) is { } command)
        {
            if (command == "measure")
            {
                tally.StartMeasuring();
            }
            else if (command == "end-measure")
            {
                tally.StopMeasuring();
                await status.WriteLineAsync($"{StatusPrefix} connected={tally.Connected} welcomed={tally.EverWelcomed} measured");
                await status.FlushAsync(cancellationToken);
            }
            else if (command == "mark")
            {
                tally.Mark();
            }
            else if (command == "end-mark")
            {
                tally.Storm.EndMark();
            }
            else if (command == "stop")
            {
                break;
            }
        }

        var connectedAtEnd = tally.Connected;
        await stopping.CancelAsync();
        await Quietly(connecting);
        string? failure = null;
        try
        {
            Task[] running;
            lock (sensors)
            {
                running = [.. sensors];
            }

            await Task.WhenAll(running).WaitAsync(StopGrace, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            failure = $"{sensors.Count(s => !s.IsCompleted):N0} sensors did not stop within {StopGrace.TotalSeconds:0} s";
        }

        await Quietly(reporter);
        foreach (var channel in channels)
        {
            channel.Dispose();
        }

        var result = new FleetWorkerResult
        {
            Sensors = settings.Count,
            EverWelcomed = tally.EverWelcomed,
            ConnectedAtEnd = connectedAtEnd,
            MinConnectedInWindow = tally.MinConnectedInWindow,
            Errors = tally.Errors,
            WindowErrors = tally.WindowErrors,
            BatchesInWindow = tally.BatchesInWindow,
            ReadingsInWindow = tally.ReadingsInWindow,
            ControlStreamsEnded = tally.ControlStreamsEnded,
            ConfigUpdatesApplied = tally.ConfigUpdatesApplied,
            DuplicateBatches = tally.DuplicateBatches,
            RejectedBatches = tally.RejectedBatches,
            StormErrors = tally.Storm.Errors,
            StormWelcomedSeconds = tally.Storm.WelcomedSeconds,
            StormAckedSeconds = tally.Storm.AckedSeconds,
            Acked = [.. Enumerable.Range(0, settings.Count).Select(i =>
            {
                // Every batch holds one reading, so the acknowledged readings are the acknowledged sequences: counting the acks'
                // committed and duplicate readings instead counts a batch twice when a stream that was acknowledged is resent.
                var (sequence, _) = tally.Acked(i);
                return new SensorAcks(FleetWorkerSettings.SensorId(settings.First + i), sequence, sequence);
            })],
            Failure = failure,
        };
        await File.WriteAllTextAsync(settings.ResultPath + ".tmp", JsonSerializer.Serialize(result, Json), cancellationToken);
        File.Move(settings.ResultPath + ".tmp", settings.ResultPath, overwrite: true);
    }

    /// <summary>Runs <paramref name="sensor"/>; an exception it did not expect is counted as an error of its own kind instead of ending the worker.</summary>
    private static async Task RunSensorAsync(FleetSensor sensor, FleetTally tally, CancellationToken stopping)
    {
        try
        {
            await sensor.RunAsync(stopping);
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            tally.Failed(Grpc.Core.StatusCode.Unknown, "sensor crashed: " + ex.GetType().Name);
        }
        catch (Exception)
        {
            // Stopping: however its calls ended does not matter any more.
        }
    }

    /// <summary>The channel of one sensor: one HTTP/2 connection, no retries of its own, keep-alive pings only while calls are open.</summary>
    private GrpcChannel CreateChannel()
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = false,
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        if (settings.CertificateSha256 is { } pinned)
        {
            // The benchmark's own certificate, made for this run: trusted by its hash, as a pinned device would.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())), pinned, StringComparison.OrdinalIgnoreCase);
        }

        return GrpcChannel.ForAddress(settings.Address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true, MaxRetryAttempts = 0 });
    }

    private async Task ReportAsync(FleetTally tally, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await status.WriteLineAsync($"{StatusPrefix} connected={tally.Connected} welcomed={tally.EverWelcomed} back-welcomed={tally.Storm.WelcomedCount} back-acked={tally.Storm.AckedCount}");
            await status.FlushAsync(cancellationToken);
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}
