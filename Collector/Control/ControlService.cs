using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ingest.Collector.Calls;
using Ingest.Collector.DesiredState;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Errors;
using Ingest.Collector.Model;
using Ingest.Collector.Security;
using Ingest.Collector.SensorConfig;
using Ingest.Collector.Sensors;
using Ingest.Collector.Settings;
using Ingest.Collector.Storage;
using Ingest.Protocol;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Control;

/// <summary>
/// <c>Control.Connect</c>: after the sensor's hello, the collector welcomes it, sends the desired
/// configuration when the sensor runs another, then every change and the operators' commands; the sensor
/// acknowledges configurations and reports its status. One reader and one writer per stream: the writer
/// loop is the only caller of <c>WriteAsync</c>. Either side's silence for three heartbeat intervals ends it (the
/// sensor's not while the collector itself ran too late to read it: <see cref="SilenceWatch"/>).
/// </summary>
internal sealed class ControlService(
    LastGoodOptions<ControlOptions> settings,
    ControlSessions sessions,
    DesiredConfigs desired,
    SensorRegistrationBudget registrations,
    ReportedConfigs reported,
    SensorDirectory directory,
    CollectorIdentity identity,
    ControlMetrics metrics,
    RefusedCalls refused,
    RefusalLog refusals,
    SchedulingDelay schedulingDelay,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<ControlService> logger) : Wire.Control.ControlBase
{
    public override async Task Connect(
        IAsyncStreamReader<Wire.SensorMessage> requestStream, IServerStreamWriter<Wire.CollectorMessage> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var stopping = CallAdmission.Admit(context, lifetime);
        var options = settings.Current;
        var heartbeat = options.HeartbeatInterval;
        var silenceLimit = heartbeat * ControlHeartbeat.SilentIntervals;
        using var call = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, stopping);

        Wire.ControlHello hello;
        DesiredConfig config;
        try
        {
            hello = await ReadHelloAsync(requestStream, silenceLimit, call.Token);
            SensorAccess.EnsureMaySendAs(context, hello.SensorId);
            if (desired.Find(hello.SensorId) is null)
            {
                registrations.Admit(SensorAccess.Find(context)!, hello.SensorId);
            }

            directory.Register(hello.SensorId, hello.Kind);
            config = await desired.ObserveAsync(hello.SensorId, hello.Kind, call.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw RpcErrors.ShuttingDown();
        }
        catch (StorageUnavailableException ex)
        {
            throw RpcErrors.Unavailable($"{ex.Message}; connect again");
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.DeadlineExceeded)
        {
            if (refusals.Count(RefusalLog.ControlRefused) is var count and > 0)
            {
                PacedLog.ControlStreamsRefused(logger, count, context.Peer, ex.Status.Detail, refusals.Interval);
            }

            throw;
        }

        using var session = new ControlSession(hello.SensorId, config.Kind, context.Peer, options.MaxQueuedCommandsPerStream);
        var reason = "the sensor ended the stream";
        try
        {
            if (sessions.Register(session) is { } replaced)
            {
                replaced.Replace();
                metrics.StreamReplaced();
                CollectorLog.ControlReplaced(logger, hello.SensorId, context.Peer);
            }

            Report(session, r => r.Connected(hello.SensorId, (long)Math.Min(hello.ConfigVersion, long.MaxValue), hello.ConfigHash, timeProvider.GetUtcNow()));

            // Read after registering: a change from now on also sets the flag, so none falls in between.
            config = desired.Find(hello.SensorId) ?? config;
            var runsDesired = (long)Math.Min(hello.ConfigVersion, long.MaxValue) == config.Version
                && string.Equals(hello.ConfigHash, config.Hash, StringComparison.Ordinal);
            if (!runsDesired)
            {
                session.ConfigChanged();
            }

            CollectorLog.ControlConnected(logger, hello.SensorId, config.Kind, context.Peer, (long)Math.Min(hello.ConfigVersion, long.MaxValue), config.Version);
            await RunAsync(session, requestStream, responseStream, heartbeat, runsDesired ? config.Version : 0, context, stopping);
        }
        catch (RpcException ex)
        {
            reason = $"{ex.StatusCode}: {ex.Status.Detail}";
            throw;
        }
        finally
        {
            if (sessions.Unregister(session))
            {
                reported.Disconnected(session.SensorId);
            }

            CollectorLog.ControlDisconnected(logger, session.SensorId, reason);
        }
    }

    private async Task RunAsync(
        ControlSession session,
        IAsyncStreamReader<Wire.SensorMessage> requestStream,
        IServerStreamWriter<Wire.CollectorMessage> responseStream,
        TimeSpan heartbeat,
        long lastSentVersion,
        ServerCallContext context,
        CancellationToken stopping)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, stopping, session.Replaced);
        var reading = ReadAsync(session, requestStream, heartbeat * ControlHeartbeat.SilentIntervals, stop.Token);
        var writing = WriteAsync(session, responseStream, heartbeat, lastSentVersion, stop.Token);
        await Task.WhenAny(reading, writing);
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(reading, writing);
        }
        catch (Exception)
        {
            // Both loops have ended; which status the stream ends with is decided below.
        }

        if (session.EndStatus is { } replaced)
        {
            throw replaced;
        }

        if (stopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw RpcErrors.ShuttingDown();
        }

        if (context.CancellationToken.IsCancellationRequested)
        {
            return;
        }

        if (reading.Exception?.InnerException is RpcException error)
        {
            throw error;
        }

        if (writing.Exception?.InnerException is { } writeFailure && !reading.IsCompletedSuccessfully)
        {
            throw RpcErrors.Unavailable($"writing to the control stream failed: {writeFailure.Message}; connect again");
        }
    }

    private async Task<Wire.ControlHello> ReadHelloAsync(IAsyncStreamReader<Wire.SensorMessage> requestStream, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(limit, timeProvider);
        using var read = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        bool received;
        try
        {
            received = await requestStream.MoveNext(read.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded,
                $"no message within {limit.TotalSeconds:0.###} s (three heartbeat intervals); the first message on a control stream must be a hello"));
        }

        if (!received || requestStream.Current.KindCase != Wire.SensorMessage.KindOneofCase.Hello)
        {
            throw RpcErrors.InvalidArgument(
                $"the first message on a control stream must be a hello, not {(received ? requestStream.Current.KindCase.ToString() : "the end of the stream")}");
        }

        var hello = requestStream.Current.Hello;
        ProtocolVersion.EnsureSupported(hello.ProtocolVersion);
        if (SensorId.Validate(hello.SensorId) is { } idError)
        {
            throw RpcErrors.InvalidArgument($"hello: {idError}");
        }

        if (SensorId.ValidateKind(hello.Kind) is { } kindError)
        {
            throw RpcErrors.InvalidArgument($"hello: {kindError}");
        }

        return hello;
    }

    private async Task ReadAsync(ControlSession session, IAsyncStreamReader<Wire.SensorMessage> requestStream, TimeSpan silenceLimit, CancellationToken cancellationToken)
    {
        using var silence = new SilenceWatch(silenceLimit, schedulingDelay, timeProvider);
        using var read = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, silence.Silenced);
        try
        {
            while (await requestStream.MoveNext(read.Token))
            {
                silence.Heard();
                Report(session, r => r.Seen(session.SensorId, timeProvider.GetUtcNow()));
                var message = requestStream.Current;
                switch (message.KindCase)
                {
                    case Wire.SensorMessage.KindOneofCase.Hello:
                        throw RpcErrors.InvalidArgument($"{session.SensorId} sent a second hello; a control stream carries one, as its first message");
                    case Wire.SensorMessage.KindOneofCase.ConfigAck:
                        Acknowledged(session, message.ConfigAck);
                        break;
                    case Wire.SensorMessage.KindOneofCase.Status when StatusCheck.Problem(message.Status) is { } problem:
                        // Not shown to operators; the stream goes on and the sensor's next status counts.
                        WarnWhenDue(RefusedCalls.StatusIgnored, session.SensorId, problem);
                        break;
                    case Wire.SensorMessage.KindOneofCase.Status:
                        Report(session, r => r.StatusReported(session.SensorId, ToReport(message.Status)));
                        break;
                    default:
                        // A heartbeat, or a message of a newer protocol: hearing it is what counts.
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (silence.Silenced.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            metrics.StreamSilent();
            if (refusals.Count(RefusalLog.ControlSilent) is var count and > 0)
            {
                CollectorLog.ControlSilent(logger, count, session.SensorId, silence.Silence, refusals.Interval);
            }

            throw RpcErrors.Unavailable($"no message from {session.SensorId} for {silenceLimit.TotalSeconds:0.###} s; dropping its control stream");
        }
    }

    private void WarnWhenDue(string reason, string sensorId, string problem)
    {
        if (refused.Count(reason) is > 0 and var count)
        {
            CollectorLog.ControlMessagesIgnored(logger, reason, count, sensorId, problem);
        }
    }

    private void Acknowledged(ControlSession session, Wire.ConfigAck ack)
    {
        var version = (long)Math.Min(ack.Version, long.MaxValue);
        var sent = session.TakeSent(version);
        if (sent is null && version > (desired.Find(session.SensorId)?.Version ?? 0))
        {
            // No such version was ever issued for this sensor: recording it would show a version that does not exist.
            WarnWhenDue(RefusedCalls.AckIgnored, session.SensorId, $"acknowledged configuration version {ack.Version}, which was never issued for it");
            return;
        }

        metrics.Acknowledged(ack.Applied, sent is { } s ? timeProvider.GetElapsedTime(s.SentAt) : null);
        if (ack.Applied)
        {
            var hash = sent?.Hash ?? (desired.Find(session.SensorId) is { } current && current.Version == version ? current.Hash : "");
            Report(session, r => r.Applied(session.SensorId, version, hash));
        }
        else
        {
            var reason = ack.Reason.Length == 0 ? "(the sensor gave no reason)" : ack.Reason;
            Report(session, r => r.Rejected(session.SensorId, version, reason));
            if (refusals.Count(RefusalLog.ConfigRejected) is var count and > 0)
            {
                CollectorLog.ConfigRejected(logger, count, session.SensorId, version, reason, refusals.Interval);
            }

        }
    }

    private async Task WriteAsync(
        ControlSession session, IServerStreamWriter<Wire.CollectorMessage> stream, TimeSpan heartbeat, long lastSentVersion, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(new Wire.CollectorMessage
        {
            Welcome = new Wire.ControlWelcome { CollectorInstanceId = identity.InstanceId, HeartbeatInterval = Duration.FromTimeSpan(heartbeat) },
        }, cancellationToken);
        var lastWrite = timeProvider.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Wire.CollectorMessage? message = null;
            if (session.TakeConfigChanged())
            {
                // Latest wins: whatever changed in between, only the newest desired configuration is sent.
                if (desired.Find(session.SensorId) is { } config && config.Version != lastSentVersion)
                {
                    message = new Wire.CollectorMessage
                    {
                        ConfigUpdate = new Wire.ConfigUpdate { Version = (ulong)config.Version, Hash = config.Hash, Config = config.Config.ToWire() },
                    };
                    session.Sent(config.Version, config.Hash, timeProvider.GetTimestamp());
                    lastSentVersion = config.Version;
                    metrics.UpdateSent();
                }
            }
            else if (session.TryTakeCommand(out var command))
            {
                message = new Wire.CollectorMessage { Command = new Wire.SensorCommand { Kind = (Wire.SensorCommandKind)command } };
            }
            else
            {
                var idle = heartbeat - timeProvider.GetElapsedTime(lastWrite);
                if (idle > TimeSpan.Zero)
                {
                    await session.WaitForWorkAsync(idle, timeProvider, cancellationToken);
                    continue;
                }

                message = new Wire.CollectorMessage { Heartbeat = new Wire.Heartbeat { At = Timestamp.FromDateTimeOffset(timeProvider.GetUtcNow()) } };
            }

            if (message is not null)
            {
                await stream.WriteAsync(message, cancellationToken);
                lastWrite = timeProvider.GetTimestamp();
            }
        }
    }

    /// <summary>
    /// Records what a stream heard only while it is its sensor's current one: a replaced stream still
    /// draining must not overwrite what the newer one reported.
    /// </summary>
    private void Report(ControlSession session, Action<ReportedConfigs> update)
    {
        if (ReferenceEquals(sessions.Find(session.SensorId), session))
        {
            update(reported);
        }
    }

    private static StatusReport ToReport(Wire.SensorStatus status) => new(
        status.At is { } at ? at.ToDateTimeOffset() : DateTimeOffset.MinValue,
        status.BufferFill,
        (long)Math.Min(status.DroppedReadings, long.MaxValue),
        status.ReadingsPerSecond,
        status.Paused,
        (long)Math.Min(status.SampledReadings, long.MaxValue),
        status.Disabled);
}
