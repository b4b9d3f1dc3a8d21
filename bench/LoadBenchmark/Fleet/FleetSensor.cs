using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Ingest.LoadBenchmark.Load;
using Ingest.Protocol;
using Ingest.Protocol.V1;

namespace Ingest.LoadBenchmark.Fleet;

/// <summary>
/// One sensor of the fleet run on a connection of its own (its own <see cref="GrpcChannel"/>, one HTTP/2 connection):
/// keeps its control stream open (hello; every configuration update answered as applied; a heartbeat every welcome
/// interval) and reopens it after it ends; greets, then sends a one-reading batch a second on Upload streams of
/// <see cref="WindowBatches"/> batches. After a failure it waits (exponential backoff with jitter, never less than the
/// collector's <c>retry-after-ms</c> hint, itself spread by jitter so that refused sensors do not come back together),
/// greets again and resends from the committed sequence, so that nothing is skipped. A batch's content is fixed by its
/// sequence, so a resent batch is the same batch.
/// </summary>
internal sealed class FleetSensor(int index, string sensorId, CallInvoker invoker, Metadata headers, FleetTally tally, TimeProvider time, DateTimeOffset epoch)
{
    public const string Kind = "bench";

    public const int WindowBatches = 5;

    public const int ControlQueueCapacity = 8;

    public static readonly TimeSpan BatchInterval = TimeSpan.FromSeconds(1);

    private static readonly RetryBackoff Backoff = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));

    private readonly Control.ControlClient _control = new(invoker);
    private readonly Greeter.GreeterClient _greeter = new(invoker);
    private readonly Ingestion.IngestionClient _ingestion = new(invoker);
    private readonly long _epochMicros = epoch.ToUnixTimeMilliseconds() * 1000;

    public string SensorId { get; } = sensorId;

    /// <summary>Runs until <paramref name="stopping"/> fires.</summary>
    public Task RunAsync(CancellationToken stopping) => Task.WhenAll(RunControlAsync(stopping), RunUploadsAsync(stopping));

    /// <summary>How long to wait after <paramref name="failures"/> failures in a row, the last <paramref name="error"/>: the backoff, or the hint spread over [hint, 1.5 × hint).</summary>
    public static TimeSpan RetryDelay(int failures, RpcException? error)
    {
        var jitter = Random.Shared.NextDouble();
        var hint = error is null ? null : WireProtocol.RetryAfter(error);
        return hint is { } h ? h + (h * 0.5 * jitter) : Backoff.Backoff(failures, jitter);
    }

    private async Task RunControlAsync(CancellationToken stopping)
    {
        var failures = 0;
        var welcomedBefore = false;
        while (!stopping.IsCancellationRequested)
        {
            var (welcomed, error) = await RunControlOnceAsync(!welcomedBefore, stopping);
            welcomedBefore |= welcomed;
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            failures = welcomed ? 1 : failures + 1;
            await SensorTasks.PauseAsync(RetryDelay(failures, error), time, stopping);
        }
    }

    private async Task<(bool Welcomed, RpcException? Error)> RunControlOnceAsync(bool first, CancellationToken stopping)
    {
        var welcomed = false;
        RpcException? error = null;
        var writes = Channel.CreateBounded<SensorMessage>(new BoundedChannelOptions(ControlQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        using var loops = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Task? writer = null;
        Task? heartbeats = null;
        try
        {
            using var call = _control.Connect(headers, cancellationToken: stopping);
            await writes.Writer.WriteAsync(
                new SensorMessage { Hello = new ControlHello { SensorId = SensorId, Kind = Kind, ConfigVersion = 0, ProtocolVersion = WireProtocol.Version } }, stopping);
            writer = WriteControlAsync(call.RequestStream, writes.Reader, loops.Token);
            while (await call.ResponseStream.MoveNext(stopping))
            {
                var message = call.ResponseStream.Current;
                if (message.KindCase == CollectorMessage.KindOneofCase.Welcome && !welcomed)
                {
                    welcomed = true;
                    tally.Welcomed(index, first, message.Welcome.CollectorInstanceId);
                    var interval = message.Welcome.HeartbeatInterval?.ToTimeSpan() ?? TimeSpan.FromSeconds(5);
                    heartbeats = SendHeartbeatsAsync(writes.Writer, interval > TimeSpan.Zero ? interval : TimeSpan.FromSeconds(5), loops.Token);
                }
                else if (message.KindCase == CollectorMessage.KindOneofCase.ConfigUpdate)
                {
                    await writes.Writer.WriteAsync(new SensorMessage { ConfigAck = new ConfigAck { Version = message.ConfigUpdate.Version, Applied = true } }, stopping);
                    tally.ConfigApplied();
                }
            }

            if (!stopping.IsCancellationRequested)
            {
                tally.Failed(StatusCode.OK, "control stream ended");
            }
        }
        catch (RpcException ex) when (!stopping.IsCancellationRequested)
        {
            tally.Failed(ex.StatusCode);
            error = ex;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !stopping.IsCancellationRequested)
        {
            tally.Failed(StatusCode.Unknown, "connection lost: " + ex.GetType().Name);
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException or InvalidOperationException or IOException or HttpRequestException && stopping.IsCancellationRequested)
        {
            // The run is over.
        }
        finally
        {
            await loops.CancelAsync();
            writes.Writer.TryComplete();
            await SensorTasks.Quietly(writer);
            await SensorTasks.Quietly(heartbeats);
            if (welcomed)
            {
                tally.Disconnected(!stopping.IsCancellationRequested);
            }
        }

        return (welcomed, error);
    }

    private static async Task WriteControlAsync(IClientStreamWriter<SensorMessage> stream, ChannelReader<SensorMessage> messages, CancellationToken cancellationToken)
    {
        await foreach (var message in messages.ReadAllAsync(cancellationToken))
        {
            await stream.WriteAsync(message, cancellationToken);
        }
    }

    private async Task SendHeartbeatsAsync(ChannelWriter<SensorMessage> writes, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            writes.TryWrite(new SensorMessage { Heartbeat = new Heartbeat { At = Timestamp.FromDateTimeOffset(time.GetUtcNow()) } });
        }
    }

    private async Task<(ulong Next, ulong Session)?> GreetAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            RpcException? error;
            try
            {
                var reply = await _greeter.GreetAsync(
                    new GreetRequest { SensorId = SensorId, Kind = Kind, ClientVersion = "load-benchmark-fleet", ProtocolVersion = WireProtocol.Version },
                    headers, cancellationToken: stopping);
                tally.Greeted(reply.CollectorInstanceId);
                return (reply.CommittedSequence + 1, reply.Session);
            }
            catch (RpcException ex) when (!stopping.IsCancellationRequested)
            {
                tally.Failed(ex.StatusCode);
                error = ex;
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && !stopping.IsCancellationRequested)
            {
                // The connection failed before the call had a status.
                tally.Failed(StatusCode.Unknown, "connection lost: " + ex.GetType().Name);
                error = null;
            }
            catch (Exception ex) when (ex is OperationCanceledException or RpcException or IOException or HttpRequestException)
            {
                return null;
            }

            await SensorTasks.PauseAsync(RetryDelay(++failures, error), time, stopping);
        }

        return null;
    }

    private async Task RunUploadsAsync(CancellationToken stopping)
    {
        if (await GreetAsync(stopping) is not var (next, session))
        {
            return;
        }

        using var timer = new PeriodicTimer(BatchInterval, time);
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            RpcException? error = null;
            try
            {
                // The stream opens with its first batch, as a sensor's does when it has something to send.
                if (!await timer.WaitForNextTickAsync(stopping))
                {
                    return;
                }

                using var call = _ingestion.Upload(headers, cancellationToken: stopping);
                for (var i = 0; i < WindowBatches; i++)
                {
                    if (i > 0 && !await timer.WaitForNextTickAsync(stopping))
                    {
                        return;
                    }

                    await call.RequestStream.WriteAsync(Batch(next + (ulong)i, session), stopping);
                }

                await call.RequestStream.CompleteAsync();
                var ack = await call.ResponseAsync;
                tally.Acknowledged(
                    index, (long)ack.CommittedSequence, (long)(ack.ReadingsCommitted + ack.DuplicateReadings), (long)ack.BatchesCommitted, (long)ack.DuplicateBatches, ack.Rejected.Count);
                next = ack.CommittedSequence + 1;
                failures = 0;
                continue;
            }
            catch (Exception ex) when (ex is OperationCanceledException or RpcException or InvalidOperationException or IOException or HttpRequestException && stopping.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException ex)
            {
                tally.Failed(ex.StatusCode);
                error = ex;
            }
            catch (InvalidOperationException)
            {
                // A write after the collector ended the call; its status is lost.
                tally.Failed(StatusCode.Unknown, "write after the call ended");
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                // The connection failed under a write (e.g. no answer to a keep-alive ping): no status at all.
                tally.Failed(StatusCode.Unknown, "connection lost: " + ex.GetType().Name);
            }

            await SensorTasks.PauseAsync(RetryDelay(++failures, error), time, stopping);
            if (await GreetAsync(stopping) is not var (resume, greeted))
            {
                return;
            }

            (next, session) = (resume, greeted);
        }
    }

    /// <summary>The batch of <paramref name="sequence"/>: one reading, its time and value fixed by the sequence, so that a resend is the same batch.</summary>
    private ReadingBatch Batch(ulong sequence, ulong session)
    {
        var readings = new PackedReadings { BaseTimeUnixMicros = _epochMicros + ((long)sequence * 1_000_000) };
        readings.TimeDeltasMicros.Add(0);
        readings.Values.Add(20 + (sequence % 10));
        return new ReadingBatch { SensorId = SensorId, Sequence = sequence, Session = session, Readings = readings };
    }
}
