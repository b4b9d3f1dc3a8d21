using Ingest.SensorSimulator.Model;


namespace Ingest.SensorSimulator.Buffering;

/// <summary>A sealed batch held until the collector settles it, with where it stands.</summary>
internal sealed class BufferedBatch(SealedBatch batch)
{
    public SealedBatch Batch { get; } = batch;

    private ulong? _checksum;

    public ulong Sequence => Batch.Sequence;

    /// <summary>The readings' checksum, taken once when first asked for.</summary>
    public ulong Checksum => _checksum ??= Batch.Checksum();

    /// <summary>Written to the current upload stream and not settled yet; otherwise pending (to be sent).</summary>
    public bool InFlight { get; private set; }

    /// <summary>Written to some upload stream at least once: the collector may hold it, so it is never dropped.</summary>
    public bool EverSent { get; private set; }

    public void MarkSent()
    {
        InFlight = true;
        EverSent = true;
    }

    public void MarkPending() => InFlight = false;
}
