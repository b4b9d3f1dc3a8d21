using Ingest.SensorSimulator.Buffering;
using Ingest.SensorSimulator.Configuration;
using Ingest.SensorSimulator.Control;
using Ingest.SensorSimulator.Diagnostics;
using Ingest.SensorSimulator.Faults;
using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Monitoring;
using Ingest.SensorSimulator.Sampling;
using Ingest.SensorSimulator.Spool;
using Ingest.SensorSimulator.Uploading;
using Microsoft.Extensions.Logging;

namespace Ingest.SensorSimulator.Sensors;

/// <summary>
/// One simulated sensor: greets the collector, then samples and uploads in two loops until stopped, then
/// seals its open batch and flushes its buffer within the shutdown timeout. Its control client (when
/// enabled) keeps a control stream open from the first greeting until the flush is done, and changes the
/// sensor's live configuration; it never stops sampling or uploading. When the collector refuses the key
/// (<c>Unauthenticated</c>, <c>PermissionDenied</c>) the sensor stops sampling and uploading, counts itself as
/// refused and tells the <see cref="FleetMonitor"/>, which says so once for the fleet: no retry fixes a key. With a
/// spool, it first takes over what the process before it kept and never saw settled: those batches are resent with
/// their original sequences (or settled by the first greeting), and new ones are numbered after the highest it sealed.
/// Batches it kept as a reading count only (a spool that keeps no readings) cannot be resent: the first greeting
/// reports them lost, and each is counted as the collector says became of it (<see cref="UnkeptBatches"/>).
/// </summary>
internal sealed class SimulatedSensor
{
    private readonly LiveConfiguration _live;
    private readonly Sampler _sampler;
    private readonly UnackedBuffer _buffer;
    private readonly UnkeptBatches _unkept;
    private readonly Uploader _uploader;
    private readonly ControlClient? _control;
    private readonly SensorSpoolLink _spool;
    private readonly FleetMonitor _monitor;
    private readonly TimeSpan _shutdownTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SimulatedSensor(
        SensorIdentity identity,
        SensorCounters counters,
        LiveConfiguration live,
        Sampler sampler,
        UnackedBuffer buffer,
        UnkeptBatches unkept,
        Uploader uploader,
        ControlClient? control,
        SensorSpoolLink spool,
        FleetMonitor monitor,
        TimeSpan shutdownTimeout,
        TimeProvider time,
        ILogger logger)
    {
        Identity = identity;
        Counters = counters;
        _live = live;
        _sampler = sampler;
        _buffer = buffer;
        _unkept = unkept;
        _uploader = uploader;
        _control = control;
        _spool = spool;
        _monitor = monitor;
        _shutdownTimeout = shutdownTimeout;
        _time = time;
        _logger = logger;
    }

    public SensorIdentity Identity { get; }

    public SensorCounters Counters { get; }

    /// <summary>The configuration the sensor runs.</summary>
    public AppliedConfiguration Configuration => _live.Current;

    public SensorSnapshot Snapshot() => SensorSnapshot.Of(Identity, Counters, _live.Current.Version);

    /// <summary>
    /// Runs the sensor. Sampling stops when <paramref name="stopSampling"/> is cancelled; the flush that
    /// follows takes at most the shutdown timeout. Never throws: a failure is logged and ends this sensor only.
    /// </summary>
    public async Task RunAsync(CancellationToken stopSampling)
    {
        try
        {
            var recoveredThrough = Recover();
            GreetResult greeting;
            try
            {
                greeting = await _uploader.GreetFirstAsync(stopSampling);
            }
            catch (Exception) when (stopSampling.IsCancellationRequested)
            {
                // Stopped before the collector ever answered: nothing was sampled.
                return;
            }
            catch (Exception ex) when (FaultClassifier.IsKeyRefused(ex))
            {
                RecordKeyRefused(ex);
                return;
            }

            await RunCoreAsync(Math.Max(greeting.CommittedSequence, recoveredThrough), stopSampling);
        }
        catch (Exception ex)
        {
            // One broken sensor must not take the fleet down.
            _logger.SensorFailed(ex, Identity.SensorId);
        }
    }

    /// <summary>
    /// Takes over what the spool kept of this sensor: batches with their readings into the buffer, to be resent or
    /// settled; batches kept as a count only to be reported lost and settled by the first greeting. Their readings
    /// count as recovered, and unacked until settled. Returns the highest sequence it ever sealed (0: none).
    /// </summary>
    private ulong Recover()
    {
        if (_spool.TakeRecovered() is not { } recovered)
        {
            return 0;
        }

        _buffer.Restore(recovered.Unsettled);
        _unkept.Restore(recovered.Unkept);
        var held = recovered.Unsettled.Select(b => (b.Sequence, ReadingCount: b.Count)).Concat(recovered.Unkept);
        foreach (var (sequence, readings) in held.OrderBy(b => b.Sequence))
        {
            Counters.AddRecovered(readings);
            Counters.RecordSealed(sequence);
        }

        return recovered.HighestSequence;
    }

    private async Task RunCoreAsync(ulong resumeAfter, CancellationToken stopSampling)
    {
        // A restarted process numbers its batches after what the collector settled and what the spool kept.
        _sampler.Start(resumeAfter + 1);

        using var stopControl = new CancellationTokenSource();
        var controlling = _control?.RunAsync(stopControl.Token) ?? Task.CompletedTask;
        try
        {
            await SampleAndUploadAsync(stopSampling);
        }
        finally
        {
            // After the flush: the control stream is completed politely. RunAsync never throws.
            await stopControl.CancelAsync();
            await controlling;
        }
    }

    private async Task SampleAndUploadAsync(CancellationToken stopSampling)
    {
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(stopSampling);
        using var flushDeadline = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        var uploading = UploadUntilRefusedAsync(sampling, flushDeadline);
        var flushArmed = false;
        try
        {
            await _sampler.RunAsync(sampling.Token);
            flushDeadline.CancelAfter(_shutdownTimeout);
            flushArmed = true;
            try
            {
                await _sampler.FlushAsync(flushDeadline.Token);
            }
            catch (OperationCanceledException) when (flushDeadline.IsCancellationRequested)
            {
                // No room before the deadline: the open readings stay counted as unacked.
            }
        }
        finally
        {
            // Even when sampling failed, the upload loop flushes within the deadline and then ends. Armed once: the flush
            // must not get a second full timeout after the sampler's flush used the first.
            if (!flushArmed)
            {
                flushDeadline.CancelAfter(_shutdownTimeout);
            }
            _buffer.CompleteAdding();
            await uploading;
        }

        if (!Counters.KeyRefused)
        {
            await _uploader.SettleWithFinalGreetAsync();
        }
    }

    /// <summary>Uploads until the flush ends; a refused key stops sampling and the flush at once, since nothing can be sent.</summary>
    private async Task UploadUntilRefusedAsync(CancellationTokenSource sampling, CancellationTokenSource flushDeadline)
    {
        try
        {
            await _uploader.RunAsync(flushDeadline.Token);
        }
        catch (Exception ex) when (FaultClassifier.IsKeyRefused(ex))
        {
            RecordKeyRefused(ex);
            await flushDeadline.CancelAsync();
            await sampling.CancelAsync();
        }
    }

    private void RecordKeyRefused(Exception exception)
    {
        if (Counters.MarkKeyRefused())
        {
            _logger.SensorKeyRefused(Identity.SensorId, FaultClassifier.Describe(exception));
            _monitor.ReportKeyRefused(Identity, exception);
        }
    }
}
