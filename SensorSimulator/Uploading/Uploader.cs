using System.Globalization;
using Ingest.Protocol;
using Ingest.SensorSimulator.Buffering;
using Ingest.SensorSimulator.Configuration;
using Ingest.SensorSimulator.Diagnostics;
using Ingest.SensorSimulator.Faults;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Monitoring;
using Ingest.SensorSimulator.Routing;
using Ingest.SensorSimulator.Settings;
using Ingest.SensorSimulator.Spool;
using Microsoft.Extensions.Logging;
using Polly;

namespace Ingest.SensorSimulator.Uploading;

/// <summary>
/// One sensor's upload loop: while batches are pending, run attempts through the resilience pipeline.
/// An attempt greets the collector when needed (at start and after any failure) and uploads one window:
/// at most <c>UploadWindowBatches</c> batches or <c>UploadWindowDuration</c> on one client stream, then
/// completes it and settles the acknowledgement. Each window reads its limits from the live configuration.
/// Every greeting reports the <see cref="UnkeptBatches"/> lost and settles them, with the buffer, from its outcomes.
/// Each attempt runs on the collector the sensor's <see cref="CollectorRoute"/> names, through that collector's circuit
/// breaker, and tells the route how it went; when the route has moved since the last greeting (a failover, or back
/// home), the attempt greets the new collector first, exactly as after any failure: it opens a new session there,
/// learns the resume point and the outcomes, and what is unacknowledged is sent again.
/// </summary>
internal sealed class Uploader
{
    /// <summary>
    /// The deadline of a greeting. The collector answers once everything it already received from the sensor is
    /// settled, so a greeting waits for the commits queued before it: on a slow disk, seconds.
    /// </summary>
    public static readonly TimeSpan GreetTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The most held batches a greeting lists with their checksums (the collector takes up to 1,000).</summary>
    public const int MaxHeldListed = 1000;

    /// <summary>The deadline of the last greeting at shutdown, which settles what the flush left open.</summary>
    public static readonly TimeSpan FinalGreetTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How much longer than its window an upload call may take before its deadline.</summary>
    public static readonly TimeSpan UploadDeadlineGrace = TimeSpan.FromSeconds(30);

    private readonly SensorIdentity _sensor;
    private readonly UnackedBuffer _buffer;
    private readonly UnkeptBatches _unkept;
    private readonly SensorCounters _counters;
    private readonly IReadOnlyList<CollectorClient> _clients;
    private readonly IReadOnlyList<ResiliencePipeline> _breakers;
    private readonly CollectorRoute _route;
    private readonly ResiliencePipeline _pipeline;
    private readonly ResiliencePipeline _greetChaos;
    private readonly ResiliencePipeline _uploadChaos;
    private readonly FleetMonitor _monitor;
    private readonly LiveConfiguration _live;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private bool _needsGreet = true;
    private bool _greeted;
    private ulong _session;

    // The collector of the attempt running, and the one the session was opened with (-1: none yet).
    private int _collector;
    private int _sessionCollector = -1;

    public Uploader(
        SensorIdentity sensor,
        UnackedBuffer buffer,
        SensorCounters counters,
        IReadOnlyList<CollectorClient> clients,
        ResiliencePipeline pipeline,
        ResiliencePipeline greetChaos,
        ResiliencePipeline uploadChaos,
        FleetMonitor monitor,
        LiveConfiguration live,
        TimeProvider time,
        ILogger logger,
        UnkeptBatches? unkept = null,
        CollectorRoute? route = null,
        IReadOnlyList<ResiliencePipeline>? breakers = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _sensor = sensor;
        _buffer = buffer;
        _unkept = unkept ?? new UnkeptBatches(counters, SensorSpoolLink.None(sensor.SensorId));
        _counters = counters;
        _clients = clients;
        _route = route ?? new CollectorRoute(sensor, [.. clients.Select((_, i) => i.ToString(CultureInfo.InvariantCulture))], new FailoverOptions(), counters, time, logger);
        _breakers = breakers ?? [.. clients.Select(_ => ResiliencePipeline.Empty)];
        if (_clients.Count != _route.Count || _breakers.Count != _route.Count)
        {
            throw new ArgumentException("One client and one circuit breaker per collector of the route.", nameof(clients));
        }
        _pipeline = pipeline;
        _greetChaos = greetChaos;
        _uploadChaos = uploadChaos;
        _monitor = monitor;
        _live = live;
        _time = time;
        _logger = logger;
    }

    /// <summary>Greets the collector until it answers (or the token is cancelled): where does this sensor resume?</summary>
    public async Task<GreetResult> GreetFirstAsync(CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(
            static async (self, token) => await self.OnCollectorAsync(static (s, t) => s.GreetAndSettleAsync(t), token),
            this,
            cancellationToken);

    /// <summary>
    /// Uploads until no batch is pending and none will be added, or until <paramref name="cancellationToken"/>
    /// is cancelled (the flush deadline).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _buffer.WaitForPendingAsync(endWhenFull: false, cancellationToken))
            {
                await _pipeline.ExecuteAsync(static (self, token) => self.AttemptAsync(token), this, cancellationToken);
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The flush deadline passed: whatever was in flight is pending again and stays counted as unacked.
        }
    }

    /// <summary>
    /// At shutdown, when batches that were sent are still unsettled (their stream failed or was cut), or unkept batches
    /// are (no greeting reached them), asks the collector once more how far it got, so that what it stored is counted as
    /// acked.
    /// </summary>
    public async Task SettleWithFinalGreetAsync()
    {
        if (!_buffer.HasSentBatches && _unkept.Count == 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(FinalGreetTimeout, _time);
        try
        {
            var first = FirstUnsettledSequence;
            var result = await _clients[_route.Current].GreetAsync(
                _sensor, first, _unkept.LastSequence, _buffer.SentFrom(first, MaxHeldListed), FinalGreetTimeout, timeout.Token);
            if (result.Accepted)
            {
                SettleGreet(result);
            }
        }
        catch (Exception ex)
        {
            // Best effort: the batches stay counted as unacked.
            _logger.FinalGreetFailed(_sensor.SensorId, FaultClassifier.Describe(ex));
        }
    }

    private async ValueTask AttemptAsync(CancellationToken cancellationToken)
    {
        try
        {
            await OnCollectorAsync(
                static async (self, token) =>
                {
                    if (self._needsGreet)
                    {
                        await self.GreetAndSettleAsync(token);
                    }

                    // Simulator:Chaos may fail or delay the upload window's call here, and only that call.
                    await self._uploadChaos.ExecuteAsync(static (s, t) => new ValueTask(s.RunWindowAsync(t)), self, token);
                    return true;
                },
                cancellationToken);
        }
        catch
        {
            // Whatever this stream sent may or may not have arrived: the next greeting tells.
            _buffer.ReturnInFlightToPending();
            _needsGreet = true;
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="call"/> on the collector the route names (home first, if it is time to go back), through that
    /// collector's circuit breaker, and tells the route when it failed: enough failures there move the sensor on.
    /// </summary>
    private async ValueTask<T> OnCollectorAsync<T>(Func<Uploader, CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        _route.ReturnHomeIfDue();
        var collector = _collector = _route.Current;
        if (collector != _sessionCollector)
        {
            // The session was opened with another collector (or none): greet this one, as after any failure; it opens the
            // next session in the shared database and tells where to resume.
            _needsGreet = true;
        }

        try
        {
            return await _breakers[collector].ExecuteAsync(
                static (state, token) => state.Call(state.Self, token), (Self: this, Call: call), cancellationToken);
        }
        catch (Exception ex)
        {
            _route.ReportFailure(collector, ex, cancellationToken);
            throw;
        }
    }

    /// <summary>
    /// The lowest sequence whose outcome a greeting asks for: of the held batches ever sent and of the unkept ones; 0
    /// when there is none.
    /// </summary>
    private ulong FirstUnsettledSequence => (_buffer.FirstUnsettledSequence, _unkept.FirstSequence) switch
    {
        (0, var unkept) => unkept,
        (var held, 0) => held,
        var (held, unkept) => Math.Min(held, unkept),
    };

    private async ValueTask<GreetResult> GreetAndSettleAsync(CancellationToken cancellationToken)
    {
        var asked = FirstUnsettledSequence;
        GreetResult result;
        while (true)
        {
            result = await GreetOnceAsync(asked, cancellationToken);

            // A greeting lists at most so many rejections and gaps, and its outcomes may stop short of the committed
            // sequence: greet again, from after them, while batches held or unkept lie between, since a resend cannot tell
            // a lost sequence from a rejected one and no upload settles an unkept batch.
            var through = result.Outcomes.Through;
            if (through < asked || through >= result.CommittedSequence
                || !(_buffer.HasSentBetween(through, result.CommittedSequence) || _unkept.HasBetween(through, result.CommittedSequence)))
            {
                break;
            }

            asked = through + 1;
        }

        _session = result.Session;
        _sessionCollector = _collector;
        _needsGreet = false;
        _monitor.ReportConnected(_sensor);
        if (!_greeted)
        {
            _greeted = true;
            _logger.SensorGreeted(_sensor.SensorId, result.CollectorInstanceId, result.CommittedSequence);
        }

        return result;
    }

    /// <summary>Greets once, reporting the unkept batches lost, and settles what its outcomes reach.</summary>
    private async ValueTask<GreetResult> GreetOnceAsync(ulong firstUnsettled, CancellationToken cancellationToken)
    {
        // Simulator:Chaos may fail or delay the greeting here, inside the attempt, so that the retry rides it out.
        var result = await _greetChaos.ExecuteAsync(
            static async (state, token) => await state.Self._clients[state.Self._collector].GreetAsync(
                state.Self._sensor, state.FirstUnsettled, state.Self._unkept.LastSequence,
                state.Self._buffer.SentFrom(state.FirstUnsettled, MaxHeldListed), GreetTimeout, token),
            (Self: this, FirstUnsettled: firstUnsettled),
            cancellationToken);
        if (!result.Accepted)
        {
            throw new GreetRefusedException($"The collector did not accept sensor {_sensor.SensorId}: {result.Message}");
        }

        SettleGreet(result);
        return result;
    }

    private async Task RunWindowAsync(CancellationToken cancellationToken)
    {
        // A stream is opened only with a batch to send: the greeting may have settled every pending batch, and the
        // collector ends a stream that sends nothing for Collector:Ingestion:FirstBatchTimeout.
        var first = _buffer.TryTakePending();
        if (first is null)
        {
            return;
        }

        var sent = new HashSet<ulong>();
        var settings = _live.Settings;
        var windowEnds = _time.GetUtcNow() + settings.UploadWindowDuration;
        using var stream = _clients[_collector].OpenUpload(
            _sensor, _session, settings.UploadWindowDuration + UploadDeadlineGrace, cancellationToken);
        sent.Add(first.Sequence);
        await stream.WriteAsync(first, cancellationToken);
        _counters.AddBatchSent();
        while (sent.Count < settings.UploadWindowBatches && _time.GetUtcNow() < windowEnds)
        {
            var batch = _buffer.TryTakePending();
            if (batch is null)
            {
                if (!await WaitForPendingAsync(windowEnds, cancellationToken))
                {
                    break;
                }

                continue;
            }

            sent.Add(batch.Sequence);
            await stream.WriteAsync(batch, cancellationToken);
            _counters.AddBatchSent();
        }

        var ack = await stream.CompleteAsync(cancellationToken);
        _route.ReportAnswered(_collector);
        var settlement = _buffer.SettleAck(sent, ack.RejectedSequences, ack.CommittedSequence);
        if (settlement.RejectedBatches > 0)
        {
            _monitor.ReportRejected(_sensor, settlement.RejectedBatches, settlement.RejectedReadings, ack.FirstRejectReason);
        }

        if (settlement.RequeuedBatches > 0)
        {
            _logger.BatchesRequeued(_sensor.SensorId, settlement.RequeuedBatches, ack.CommittedSequence);
        }
    }

    /// <summary>
    /// Settles the greeting's outcomes, of the held batches and the unkept ones: batches the collector rejected are
    /// counted so, with their reason.
    /// </summary>
    private void SettleGreet(GreetResult result)
    {
        var held = _buffer.SettleGreet(result.Outcomes);
        var unkept = _unkept.Settle(result.Outcomes);
        var rejectedBatches = held.RejectedBatches + unkept.RejectedBatches;
        if (rejectedBatches > 0)
        {
            _monitor.ReportRejected(
                _sensor, rejectedBatches, held.RejectedReadings + unkept.RejectedReadings, "rejected, as a greeting told");
        }
    }

    /// <summary>Waits for a pending batch until the window ends; false when the window should be closed now.</summary>
    private async Task<bool> WaitForPendingAsync(DateTimeOffset windowEnds, CancellationToken cancellationToken)
    {
        var remaining = windowEnds - _time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            return false;
        }

        using var windowTimeout = new CancellationTokenSource(remaining, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, windowTimeout.Token);
        try
        {
            return await _buffer.WaitForPendingAsync(endWhenFull: true, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
