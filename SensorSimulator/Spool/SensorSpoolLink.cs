using Ingest.SensorSimulator.Model;


namespace Ingest.SensorSimulator.Spool;

/// <summary>One sensor's view of the process's spool; does nothing while no spool is open.</summary>
internal sealed class SensorSpoolLink(SpoolHolder holder, string sensorId)
{
    private ulong _lastKept;

    /// <summary>A link to no spool, for sensors built without one (tests).</summary>
    public static SensorSpoolLink None(string sensorId) => new(new SpoolHolder(), sensorId);

    /// <summary>
    /// Makes <paramref name="batch"/> durable before it may be sent: returns once it is fsynced, or at once without a
    /// spool. When the spool is full, waits for room (<paramref name="waitForRoom"/>) or returns false. When the disk
    /// fails the write, the batch is sent all the same (counted and logged): a sensor keeps sampling.
    /// </summary>
    public async ValueTask<bool> KeepAsync(SealedBatch batch, bool waitForRoom, CancellationToken cancellationToken)
    {
        if (holder.Spool is not { } spool)
        {
            return true;
        }

        if (batch.Sequence <= _lastKept)
        {
            // An earlier attempt to keep this very batch was given up (a flush deadline) after it was queued: it is
            // written, or being written, and the spool refuses a sequence twice.
            return true;
        }

        try
        {
            var kept = waitForRoom
                ? await AppendAsync(spool, batch, cancellationToken)
                : await spool.TryAppendAsync(sensorId, batch, cancellationToken);
            _lastKept = kept ? batch.Sequence : _lastKept;
            return kept;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Queued before the wait was given up, the batch may still be written: the next attempt must not append it again.
            _lastKept = batch.Sequence;
            throw;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // A failing disk, or a spool closed under a flush that outlived the host's patience: the batch is sent all the same.
            holder.ReportWriteFailed(sensorId, batch.Sequence, ex);
            return true;
        }
    }

    /// <summary>The batch left the sensor's buffer (acked, rejected, lost or dropped): the spool need not keep it.</summary>
    public void Settled(ulong sequence) => holder.Spool?.MarkSettled(sensorId, sequence);

    /// <summary>What the spool kept of this sensor from the process before, handed over once; null without a spool.</summary>
    public RecoveredSensor? TakeRecovered() => holder.Spool?.TakeRecovered(sensorId);

    private async ValueTask<bool> AppendAsync(SensorSpool spool, SealedBatch batch, CancellationToken cancellationToken)
    {
        await spool.AppendAsync(sensorId, batch, cancellationToken);
        return true;
    }
}
