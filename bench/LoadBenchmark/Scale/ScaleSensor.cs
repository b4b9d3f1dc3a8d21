using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ingest.LoadBenchmark.Load;
using Ingest.Protocol;
using Ingest.Protocol.V1;

namespace Ingest.LoadBenchmark.Scale;

/// <summary>
/// One sensor of the scale run: keeps its control stream open (hello; every configuration update answered
/// as applied; a heartbeat every welcome interval), greets once, then samples at 1 Hz and sends each
/// reading as its own batch on Upload streams of <see cref="WindowBatches"/> batches, as the simulator's
/// defaults would at 1 Hz. Each batch's ack latency runs from its write to its stream's ack, so the first
/// of a stream waits about <see cref="WindowBatches"/> - 1 seconds for it: that is what such a sensor sees.
/// </summary>
internal sealed class ScaleSensor(string sensorId, ScaleClients clients, ScaleTally tally, TimeProvider time)
{
    public const string Kind = "bench";

    public const int WindowBatches = 5;

    /// <summary>Messages queued for the control stream's writer at most; heartbeats are skipped when it is full.</summary>
    public const int ControlQueueCapacity = 8;

    public static readonly TimeSpan BatchInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public string SensorId { get; } = sensorId;

    /// <summary>Runs until <paramref name="stopping"/> fires.</summary>
    public Task RunAsync(CancellationToken stopping) => Task.WhenAll(RunControlAsync(stopping), RunUploadsAsync(stopping));

    private async Task RunControlAsync(CancellationToken stopping)
    {
        var welcomed = false;
        var unexpected = false;
        var writes = Channel.CreateBounded<SensorMessage>(new BoundedChannelOptions(ControlQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        using var loops = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Task? writer = null;
        Task? heartbeats = null;
        try
        {
            using var call = clients.Control.Connect(WireProtocol.Headers(), cancellationToken: stopping);
            await writes.Writer.WriteAsync(
                new SensorMessage { Hello = new ControlHello { SensorId = SensorId, Kind = Kind, ConfigVersion = 0, ProtocolVersion = WireProtocol.Version } }, stopping);
            writer = WriteControlAsync(call.RequestStream, writes.Reader, loops.Token);
            while (await call.ResponseStream.MoveNext(stopping))
            {
                var message = call.ResponseStream.Current;
                if (message.KindCase == CollectorMessage.KindOneofCase.Welcome && !welcomed)
                {
                    welcomed = true;
                    tally.Welcomed();
                    var interval = message.Welcome.HeartbeatInterval?.ToTimeSpan() ?? TimeSpan.FromSeconds(5);
                    heartbeats = SendHeartbeatsAsync(writes.Writer, interval > TimeSpan.Zero ? interval : TimeSpan.FromSeconds(5), loops.Token);
                }
                else if (message.KindCase == CollectorMessage.KindOneofCase.ConfigUpdate)
                {
                    await writes.Writer.WriteAsync(new SensorMessage { ConfigAck = new ConfigAck { Version = message.ConfigUpdate.Version, Applied = true } }, stopping);
                    tally.ConfigApplied();
                }
            }

            unexpected = !stopping.IsCancellationRequested;
        }
        catch (RpcException ex) when (!stopping.IsCancellationRequested)
        {
            tally.Failed(ex.StatusCode);
            unexpected = true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException && stopping.IsCancellationRequested)
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
                tally.Disconnected(unexpected);
            }
            else if (unexpected)
            {
                tally.EndedBeforeWelcome();
            }
        }
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

    private async Task RunUploadsAsync(CancellationToken stopping)
    {
        ulong next = 1;
        try
        {
            var reply = await clients.Greeter.GreetAsync(
                new GreetRequest { SensorId = SensorId, Kind = Kind, ClientVersion = "load-benchmark", ProtocolVersion = WireProtocol.Version },
                WireProtocol.Headers(), cancellationToken: stopping);
            next = reply.CommittedSequence + 1;
        }
        catch (RpcException ex) when (!stopping.IsCancellationRequested)
        {
            tally.Failed(ex.StatusCode);
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException)
        {
            return;
        }

        using var timer = new PeriodicTimer(BatchInterval, time);
        var writtenAt = new long[WindowBatches];
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // The stream opens with its first batch, as a sensor's does when it has something to send.
                if (!await timer.WaitForNextTickAsync(stopping))
                {
                    return;
                }

                using var call = clients.Ingestion.Upload(WireProtocol.Headers(), cancellationToken: stopping);
                for (var i = 0; i < WindowBatches; i++)
                {
                    if (i > 0 && !await timer.WaitForNextTickAsync(stopping))
                    {
                        return;
                    }

                    var batch = Batch(next++);
                    writtenAt[i] = time.GetTimestamp();
                    await call.RequestStream.WriteAsync(batch, stopping);
                }

                var completed = time.GetTimestamp();
                await call.RequestStream.CompleteAsync();
                var ack = await call.ResponseAsync;
                tally.Acknowledged(ack, time.GetTimestamp(), writtenAt, completed);
            }
            catch (Exception ex) when (ex is OperationCanceledException or RpcException && stopping.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException ex)
            {
                tally.Failed(ex.StatusCode);
                await SensorTasks.PauseAsync(WireProtocol.RetryAfter(ex) ?? RetryDelay, time, stopping);
            }
            catch (InvalidOperationException)
            {
                // A write after the collector ended the call; its status comes with the next attempt's failure or is lost.
                tally.Failed(StatusCode.Unknown);
                await SensorTasks.PauseAsync(RetryDelay, time, stopping);
            }
        }
    }

    private ReadingBatch Batch(ulong sequence)
    {
        var readings = new PackedReadings { BaseTimeUnixMicros = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000 };
        readings.TimeDeltasMicros.Add(0);
        readings.Values.Add(20 + (sequence % 10));
        return new ReadingBatch { SensorId = SensorId, Sequence = sequence, Readings = readings };
    }
}
