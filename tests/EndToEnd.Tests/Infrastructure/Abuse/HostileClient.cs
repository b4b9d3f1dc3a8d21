using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Ingest.Protocol;
using Wire = Ingest.Protocol.V1;

namespace Ingest.EndToEnd.Tests.Infrastructure.Abuse;

/// <summary>
/// The attacks of the abuse soak, each a loop over plain gRPC calls that runs until its token is cancelled and
/// tallies how its calls ended: what a hostile or broken client can do with a sensor key bound to <c>evil-*</c>, a
/// viewer key, or no key at all. Each attack has channels of its own (so that one attack's queued calls never hold
/// another's back), each opening as many HTTP/2 connections as its calls need, with the smallest receive window, so
/// that a stream the attacker never reads stalls the collector's writes soon.
/// </summary>
internal sealed class HostileClient(string collectorUrl) : IDisposable
{
    public const string SensorKeyName = "attacker";
    public const string SensorKey = "attacker-key";
    public const string SensorPattern = "evil-*";
    public const string ViewerKeyName = "prying";
    public const string ViewerKey = "prying-key";

    private readonly List<GrpcChannel> _channels = [];

    /// <summary>The collector settings that give the attacker its two keys.</summary>
    public static string[] CollectorSettings() =>
    [
        $"--Collector:Security:Keys:{SensorKeyName}:Key={SensorKey}",
        $"--Collector:Security:Keys:{SensorKeyName}:Role=Sensor",
        $"--Collector:Security:Keys:{SensorKeyName}:Sensors:0={SensorPattern}",
        $"--Collector:Security:Keys:{ViewerKeyName}:Key={ViewerKey}",
        $"--Collector:Security:Keys:{ViewerKeyName}:Role=Viewer",
    ];

    /// <summary>Unary writes of a batch near the message limit with no key, <paramref name="concurrency"/> in flight at once.</summary>
    public Task NoKeyBodiesAsync(AttackTally tally, int concurrency, CancellationToken cancellationToken)
    {
        var client = new Wire.Ingestion.IngestionClient(Channel());
        var body = Batch("evil-nokey", 1, readings: 350_000, value: 1.5);
        return Loops(concurrency, async () =>
        {
            try
            {
                await client.WriteAsync(body, new Metadata(), cancellationToken: cancellationToken);
                tally.Record(StatusCode.OK);
            }
            catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
            {
                tally.Record(ex);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Upload streams, each of a new id, that send one small batch and then idle without ending, as many as
    /// <paramref name="streams"/>; returns once every one has ended (ended by the collector, or cancelled).
    /// </summary>
    public async Task IdleUploadsAsync(AttackTally tally, int streams, CancellationToken cancellationToken)
    {
        var client = new Wire.Ingestion.IngestionClient(Channel());
        var open = new List<Task>();
        for (var i = 0; i < streams && !cancellationToken.IsCancellationRequested; i++)
        {
            var call = client.Upload(SensorHeaders(), cancellationToken: cancellationToken);
            open.Add(HoldAsync(call, Batch(string.Create(CultureInfo.InvariantCulture, $"evil-idle-{i}"), 1, readings: 1, value: 2), tally, cancellationToken));
            if (i % 100 == 99)
            {
                // Let the calls of this hundred reach the wire before the next: the attack wants streams open, not queued.
                await Task.Yield();
            }
        }

        await Task.WhenAll(open);
    }

    /// <summary>Greets under ever new ids as fast as <paramref name="concurrency"/> loops can.</summary>
    public Task InventIdsAsync(AttackTally tally, int concurrency, CancellationToken cancellationToken)
    {
        var client = new Wire.Greeter.GreeterClient(Channel());
        var next = 0L;
        return Loops(concurrency, async () =>
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"evil-new-{Interlocked.Increment(ref next)}");
            try
            {
                await client.GreetAsync(new Wire.GreetRequest { SensorId = id, Kind = "invented", ProtocolVersion = WireProtocol.Version },
                    SensorHeaders(), cancellationToken: cancellationToken);
                tally.Record(StatusCode.OK);
            }
            catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
            {
                tally.Record(ex);
                if (ex.StatusCode == StatusCode.ResourceExhausted)
                {
                    // A refused loop goes on at once: a hostile client does not honour the hint.
                    await Task.Yield();
                }
            }
        }, cancellationToken);
    }

    /// <summary>Upload streams of batches with NaN values (each rejected), one stream after another until the collector ends them.</summary>
    public Task RejectedBatchesAsync(AttackTally tally, int concurrency, CancellationToken cancellationToken)
    {
        var client = new Wire.Ingestion.IngestionClient(Channel());
        var streams = 0L;
        return Loops(concurrency, async () =>
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"evil-nan-{Interlocked.Increment(ref streams) % 16}");
            using var call = client.Upload(SensorHeaders(), cancellationToken: cancellationToken);
            try
            {
                for (ulong sequence = 1; sequence <= 5_000 && !cancellationToken.IsCancellationRequested; sequence++)
                {
                    await call.RequestStream.WriteAsync(Batch(id, sequence, readings: 10, value: double.NaN), cancellationToken);
                }

                await call.RequestStream.CompleteAsync();
                await call.ResponseAsync;
                tally.Record(StatusCode.OK);
            }
            catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
            {
                tally.Record(ex);
            }
            catch (InvalidOperationException) when (!cancellationToken.IsCancellationRequested)
            {
                // The collector ended the call while a write was under way: its status tells why.
                tally.Record(call.GetStatus().StatusCode);
            }
        }, cancellationToken);
    }

    /// <summary>Unary writes as a sensor the key is not bound to.</summary>
    public Task ImpersonationAsync(AttackTally tally, string victimSensorId, int concurrency, CancellationToken cancellationToken)
    {
        var client = new Wire.Ingestion.IngestionClient(Channel());
        var body = Batch(victimSensorId, 1, readings: 1, value: 3);
        return Loops(concurrency, async () =>
        {
            try
            {
                await client.WriteAsync(body, SensorHeaders(), cancellationToken: cancellationToken);
                tally.Record(StatusCode.OK);
            }
            catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
            {
                tally.Record(ex);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Stores <paramref name="batches"/> batches of 10,000 readings as <paramref name="sensorId"/> (an <c>evil-</c> id), so
    /// that a read of it is far larger than a client's receive window.
    /// </summary>
    public async Task StoreLargeSensorAsync(string sensorId, int batches, CancellationToken cancellationToken)
    {
        var client = new Wire.Ingestion.IngestionClient(Channel());
        for (var sequence = 1UL; sequence <= (ulong)batches; sequence++)
        {
            await client.WriteAsync(Batch(sensorId, sequence, readings: 10_000, value: 4), SensorHeaders(), cancellationToken: cancellationToken);
        }
    }

    /// <summary>
    /// Opens <paramref name="count"/> reads of <paramref name="sensorId"/>'s stored readings and never reads them; the
    /// calls stay open until <see cref="ObserveAsync"/>.
    /// </summary>
    public IReadOnlyList<AsyncServerStreamingCall<Wire.ReadingsChunk>> OpenUnreadQueries(string sensorId, int count, CancellationToken cancellationToken)
    {
        var client = new Wire.Query.QueryClient(Channel());
        return Enumerable.Range(0, count)
            .Select(_ => client.ReadReadings(new Wire.ReadReadingsRequest { SensorId = sensorId }, ViewerHeaders(), cancellationToken: cancellationToken))
            .ToList();
    }

    /// <summary>Opens <paramref name="count"/> subscriptions asking for the most frequent updates and never reads them.</summary>
    public IReadOnlyList<AsyncServerStreamingCall<Wire.AggregateUpdate>> OpenUnreadSubscriptions(int count, CancellationToken cancellationToken)
    {
        var client = new Wire.Aggregates.AggregatesClient(Channel());
        var eager = new Wire.SubscribeRequest { MinUpdateInterval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) };
        return Enumerable.Range(0, count).Select(_ => client.Subscribe(eager, ViewerHeaders(), cancellationToken: cancellationToken)).ToList();
    }

    /// <summary>
    /// How each never-read call stands now: one read each, within <paramref name="timeout"/>; a call the collector
    /// ended shows its status, one it still serves counts as OK.
    /// </summary>
    public static async Task ObserveAsync<T>(IEnumerable<AsyncServerStreamingCall<T>> calls, AttackTally tally, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(tally);
        await Task.WhenAll(calls.Select(async call =>
        {
            using var wait = new CancellationTokenSource(timeout);
            try
            {
                await call.ResponseStream.MoveNext(wait.Token);
                tally.Record(StatusCode.OK);
            }
            catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled || !wait.IsCancellationRequested)
            {
                tally.Record(ex);
            }
            catch (RpcException) when (wait.IsCancellationRequested)
            {
                // Neither data nor an end within the timeout: the call is held open but its writes are stalled.
                tally.Record(StatusCode.OK);
            }
        }));
    }

    public void Dispose()
    {
        lock (_channels)
        {
            _channels.ForEach(channel => channel.Dispose());
            _channels.Clear();
        }
    }

    /// <summary>A new channel of this attacker's, disposed with it.</summary>
    private GrpcChannel Channel()
    {
        var channel = GrpcChannel.ForAddress(collectorUrl, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, InitialHttp2StreamWindowSize = 65_535 },
            DisposeHttpClient = true,
            MaxSendMessageSize = null,
        });
        lock (_channels)
        {
            _channels.Add(channel);
        }

        return channel;
    }

    private static async Task HoldAsync(AsyncClientStreamingCall<Wire.ReadingBatch, Wire.UploadAck> call, Wire.ReadingBatch batch, AttackTally tally, CancellationToken cancellationToken)
    {
        using (call)
        {
            try
            {
                await call.RequestStream.WriteAsync(batch, cancellationToken);
                await call.ResponseAsync;
                tally.Record(StatusCode.OK);
            }
            catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
            {
                tally.Record(ex);
            }
            catch (InvalidOperationException) when (!cancellationToken.IsCancellationRequested)
            {
                tally.Record(call.GetStatus().StatusCode);
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is RpcException or OperationCanceledException or InvalidOperationException)
            {
                // Still held open when the attack ended: neither refused nor ended by the collector.
                tally.Record(StatusCode.Cancelled);
            }
        }
    }

    private static Task Loops(int concurrency, Func<Task> iteration, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await iteration();
                }
                catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is RpcException or OperationCanceledException or InvalidOperationException)
                {
                    return;
                }
            }
        }));

    private static Wire.ReadingBatch Batch(string sensorId, ulong sequence, int readings, double value)
    {
        var packed = new Wire.PackedReadings { BaseTimeUnixMicros = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000 };
        for (var i = 0; i < readings; i++)
        {
            packed.TimeDeltasMicros.Add(i == 0 ? 0 : 1000);
            packed.Values.Add(value);
        }

        return new Wire.ReadingBatch { SensorId = sensorId, Sequence = sequence, Readings = packed };
    }

    private static Metadata SensorHeaders() => new() { { "authorization", $"Bearer {SensorKey}" }, { WireProtocol.VersionHeader, WireProtocol.Version.ToString(CultureInfo.InvariantCulture) } };

    private static Metadata ViewerHeaders() => new() { { "authorization", $"Bearer {ViewerKey}" } };
}
