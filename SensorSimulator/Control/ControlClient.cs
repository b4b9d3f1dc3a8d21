using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Ingest.Protocol;
using Ingest.Protocol.V1;
using Ingest.SensorSimulator.Configuration;
using Ingest.SensorSimulator.Diagnostics;
using Ingest.SensorSimulator.Faults;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Monitoring;
using Ingest.SensorSimulator.Resilience;
using Ingest.SensorSimulator.Routing;
using Ingest.SensorSimulator.Settings;
using Microsoft.Extensions.Logging;
using Polly;

namespace Ingest.SensorSimulator.Control;

/// <summary>
/// One sensor's side of the control channel. Keeps one <c>Control.Connect</c> stream open for the sensor's
/// whole run: says hello with the configuration it runs, applies the configurations it is sent (or rejects
/// them with the reason, keeping the last good one), obeys commands, and reports status and heartbeats. A
/// stream that fails, ends, or stays silent for three heartbeat intervals is reopened through the resilience
/// pipeline. Nothing here stops sampling or uploading: without a stream the sensor runs what it has. The stream
/// goes to the collector the sensor's <see cref="CollectorRoute"/> names: when the route moves, the stream is ended
/// politely and opened on the new collector (hello, welcome, configuration, as at start); its failures count toward a
/// failover and its welcomes as answers, like the uploads'.
/// </summary>
internal sealed class ControlClient
{
    /// <summary>The heartbeat interval until the collector's welcome gives its own.</summary>
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(5);

    /// <summary>The shortest heartbeat interval accepted from a welcome.</summary>
    public static readonly TimeSpan MinHeartbeatInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest heartbeat interval accepted from a welcome.</summary>
    public static readonly TimeSpan MaxHeartbeatInterval = TimeSpan.FromHours(1);

    /// <summary>How long a polite end waits for the collector to end its side before the call is cancelled.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    /// <summary>After a failed write, how long to wait for the response stream's real status.</summary>
    public static readonly TimeSpan StatusAfterWriteFailure = TimeSpan.FromSeconds(1);

    private readonly SensorIdentity _sensor;
    private readonly LiveConfiguration _live;
    private readonly IReadOnlyList<ControlConnector> _connectors;
    private readonly CollectorRoute _route;
    private readonly ConfigValidator _validator;
    private readonly StatusSampler _status;
    private readonly ControlMonitor _monitor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;
    private readonly Lock _gate = new();
    private TaskCompletionSource _woken = NewSignal();
    private long _heartbeatTicks = DefaultHeartbeatInterval.Ticks;
    private long _lastHeardTicks;
    private int _failuresSinceWelcome;

    public ControlClient(
        SensorIdentity sensor,
        LiveConfiguration live,
        IReadOnlyList<ControlConnector> connectors,
        ConfigValidator validator,
        StatusSampler status,
        ControlPipelineFactory pipelines,
        ControlMonitor monitor,
        TimeProvider time,
        ILogger logger,
        CollectorRoute? route = null)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        ArgumentNullException.ThrowIfNull(connectors);
        _sensor = sensor;
        _live = live;
        _connectors = connectors;
        _route = route ?? new CollectorRoute(
            sensor, [.. connectors.Select((_, i) => i.ToString(CultureInfo.InvariantCulture))], new FailoverOptions(), new SensorCounters(), time, logger);
        if (_connectors.Count != _route.Count)
        {
            throw new ArgumentException("One connector per collector of the route.", nameof(connectors));
        }

        _validator = validator;
        _status = status;
        _monitor = monitor;
        _time = time;
        _logger = logger;
        _pipeline = pipelines.Create(sensor, () => Volatile.Read(ref _failuresSinceWelcome));
    }

    /// <summary>The heartbeat interval of the current stream.</summary>
    public TimeSpan HeartbeatInterval => TimeSpan.FromTicks(Interlocked.Read(ref _heartbeatTicks));

    /// <summary>
    /// Keeps a control stream open until <paramref name="stopping"/> is cancelled (the sensor's run ended),
    /// then completes it politely; opens it again on the new collector whenever the route moves. Never throws.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await _pipeline.ExecuteAsync(static (self, token) => self.AttemptAsync(token), this, stopping);
            }
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // The run ended while reconnecting.
        }
        catch (Exception ex) when (FaultClassifier.IsKeyRefused(ex))
        {
            // Not retried: no retry fixes a key. Sampling and uploading go on (the uploads say so themselves if refused).
            _logger.ControlKeyRefused(_sensor.SensorId, FaultClassifier.Describe(ex));
        }
        catch (Exception ex)
        {
            // Control failures never stop sampling or uploading.
            _logger.ControlFailed(ex, _sensor.SensorId);
        }
    }

    private async ValueTask AttemptAsync(CancellationToken stopping)
    {
        // Read before the collector, so that a move in between ends this stream at once.
        var moved = _route.WhenMoved;
        var collector = _route.Current;
        try
        {
            await RunStreamAsync(collector, moved, stopping);
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failuresSinceWelcome);
            _route.ReportFailure(collector, ex, stopping);
            throw;
        }
    }

    /// <summary>
    /// One stream to <paramref name="collector"/>, from hello to its end: returns when stopping or when the route moved
    /// (<paramref name="moved"/>), throws when the stream is lost.
    /// </summary>
    private async Task RunStreamAsync(int collector, Task moved, CancellationToken stopping)
    {
        using var abort = new CancellationTokenSource();
        using var stream = _connectors[collector].Open(abort.Token);
        Interlocked.Exchange(ref _heartbeatTicks, DefaultHeartbeatInterval.Ticks);
        MarkHeard();
        var running = _live.Current;
        await stream.SendAsync(
            new SensorMessage
            {
                Hello = new ControlHello
                {
                    SensorId = _sensor.SensorId,
                    Kind = _sensor.Kind,
                    ConfigVersion = running.Version,
                    ConfigHash = running.Hash,
                    ProtocolVersion = WireProtocol.Version,
                },
            },
            stopping);
        var writing = stream.RunWriterAsync(abort.Token);
        var reading = ReadAllAsync(stream, collector, abort.Token);
        try
        {
            await MaintainAsync(stream, reading, writing, moved, stopping);
            await EndPolitelyAsync(stream, reading, writing);
        }
        finally
        {
            await abort.CancelAsync();
            try
            {
                await Task.WhenAll(reading, writing);
            }
            catch (Exception)
            {
                // Observed: what ended the stream is already on its way up, or we are stopping.
            }
        }
    }

    /// <summary>
    /// Sends status and heartbeats when due and watches for silence, until <paramref name="stopping"/> is
    /// cancelled or the route <paramref name="moved"/> (returns) or the stream is lost (throws: the collector's status,
    /// or why it was dropped).
    /// </summary>
    private async Task MaintainAsync(ControlStream stream, Task reading, Task writing, Task moved, CancellationToken stopping)
    {
        var lastStatusAt = _time.GetUtcNow();
        var lastHeartbeatAt = lastStatusAt;
        var reportedStopped = false;
        while (!stopping.IsCancellationRequested && !moved.IsCompleted)
        {
            var woken = WhenWoken;
            var now = _time.GetUtcNow();
            var heartbeat = HeartbeatInterval;
            var silence = heartbeat * ControlHeartbeat.SilentIntervals;
            var heardAt = LastHeardAt;
            if (now - heardAt >= silence)
            {
                throw new ControlStreamLostException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"heard nothing from the collector for {ConfigValidator.Format(now - heardAt)} ({ControlHeartbeat.SilentIntervals} heartbeat intervals)"));
            }

            // A pause, resume or (dis)enabling is reported at once, not at the next status interval: the
            // dashboard shows it, and a paused sensor's rate reads 0 from then on.
            var statusInterval = _live.Settings.StatusInterval;
            var stopped = Stopped;
            if (now - lastStatusAt >= statusInterval || stopped != reportedStopped)
            {
                stream.TrySend(new SensorMessage { Status = _status.Next() });
                lastStatusAt = now;
                reportedStopped = stopped;
            }

            var quietSince = Max(stream.LastSentAt, lastHeartbeatAt);
            if (now - quietSince >= heartbeat)
            {
                stream.TrySend(new SensorMessage { Heartbeat = new Heartbeat { At = Timestamp.FromDateTimeOffset(now) } });
                lastHeartbeatAt = now;
                quietSince = now;
            }

            var due = Min(Min(heardAt + silence, lastStatusAt + statusInterval), quietSince + heartbeat);
            var wait = due - now;
            using var waitCancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var delay = Task.Delay(wait > TimeSpan.Zero ? Min(wait, MaxHeartbeatInterval) : TimeSpan.Zero, _time, waitCancel.Token);
            var first = await Task.WhenAny(delay, reading, writing, woken, moved);
            await waitCancel.CancelAsync();
            if (stopping.IsCancellationRequested || first == moved)
            {
                return;
            }

            if (first == reading)
            {
                await reading;
                throw new ControlStreamLostException("the collector ended the control stream");
            }

            if (first == writing)
            {
                // A write fails once the call has ended; the response stream carries the real status and trailers.
                var settled = await Task.WhenAny(reading, Task.Delay(StatusAfterWriteFailure, _time, stopping));
                if (settled == reading)
                {
                    await reading;
                    throw new ControlStreamLostException("the collector ended the control stream");
                }

                await writing;
                throw new ControlStreamLostException("the control stream's writer stopped");
            }
        }
    }

    /// <summary>Completes the request stream and gives the collector a moment to end its side.</summary>
    private async Task EndPolitelyAsync(ControlStream stream, Task reading, Task writing)
    {
        stream.CompleteSending();
        try
        {
            await Task.WhenAll(writing, reading).WaitAsync(StopGrace, _time);
        }
        catch (Exception)
        {
            // Best effort: the call is cancelled next.
        }
    }

    private async Task ReadAllAsync(ControlStream stream, int collector, CancellationToken cancellationToken)
    {
        while (await stream.ReadAsync(cancellationToken) is { } message)
        {
            MarkHeard();
            switch (message.KindCase)
            {
                case CollectorMessage.KindOneofCase.Welcome:
                    _route.ReportAnswered(collector);
                    OnWelcome(message.Welcome);
                    break;
                case CollectorMessage.KindOneofCase.ConfigUpdate:
                    await stream.SendAsync(new SensorMessage { ConfigAck = Apply(message.ConfigUpdate) }, cancellationToken);
                    break;
                case CollectorMessage.KindOneofCase.Command:
                    OnCommand(message.Command.Kind);
                    break;
                default:
                    // A heartbeat, or a message this version does not know: liveness only.
                    break;
            }
        }
    }

    private void OnWelcome(ControlWelcome welcome)
    {
        var interval = ToTimeSpanOrZero(welcome.HeartbeatInterval);
        if (interval <= TimeSpan.Zero)
        {
            interval = DefaultHeartbeatInterval;
        }

        interval = Min(Max(interval, MinHeartbeatInterval), MaxHeartbeatInterval);
        Interlocked.Exchange(ref _heartbeatTicks, interval.Ticks);
        Volatile.Write(ref _failuresSinceWelcome, 0);
        _monitor.ReportConnected(_sensor, welcome.CollectorInstanceId);
        Wake();
    }

    private ConfigAck Apply(ConfigUpdate update)
    {
        if (!_validator.TryValidate(update.Config, out var settings, out var reason))
        {
            _monitor.ReportRejected(_sensor, update.Version, _live.Current.Version, reason);
            return new ConfigAck { Version = update.Version, Applied = false, Reason = reason };
        }

        if (_live.Apply(settings, update.Version, update.Hash))
        {
            _monitor.ReportApplied(_sensor, update.Version, update.Hash);

            // The status interval may have changed.
            Wake();
        }

        return new ConfigAck { Version = update.Version, Applied = true };
    }

    private void OnCommand(SensorCommandKind command)
    {
        _logger.SensorCommandReceived(_sensor.SensorId, command.ToString());
        switch (command)
        {
            case SensorCommandKind.Pause:
                _live.Pause();
                Wake();
                break;
            case SensorCommandKind.Resume:
                _live.Resume();
                Wake();
                break;
            case SensorCommandKind.Flush:
                _live.RequestFlush();
                break;
            default:
                break;
        }
    }

    /// <summary>Sampling is stopped: paused by command or disabled by configuration.</summary>
    private bool Stopped => _live.Paused || !_live.Settings.Enabled;

    private DateTimeOffset LastHeardAt => new(Interlocked.Read(ref _lastHeardTicks), TimeSpan.Zero);

    private void MarkHeard() => Interlocked.Exchange(ref _lastHeardTicks, _time.GetUtcNow().UtcTicks);

    private Task WhenWoken
    {
        get
        {
            lock (_gate)
            {
                return _woken.Task;
            }
        }
    }

    private void Wake()
    {
        lock (_gate)
        {
            var woken = _woken;
            _woken = NewSignal();
            woken.TrySetResult();
        }
    }

    private static TimeSpan ToTimeSpanOrZero(Duration? duration)
    {
        try
        {
            return duration?.ToTimeSpan() ?? TimeSpan.Zero;
        }
        catch (InvalidOperationException)
        {
            // Not a valid duration: the default applies.
            return TimeSpan.Zero;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
