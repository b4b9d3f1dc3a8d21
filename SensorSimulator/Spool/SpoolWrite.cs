using System.Buffers;

namespace Ingest.SensorSimulator.Spool;

/// <summary>One piece of work for the spool's writer: a batch record, a settlement record, or a nudge to give space back.</summary>
internal sealed class SpoolWrite
{
    private SpoolWrite(SpoolWriteKind kind, byte[] buffer, int length, bool pooled)
    {
        Kind = kind;
        Buffer = buffer;
        Length = length;
        Pooled = pooled;
    }

    /// <summary>What the write is.</summary>
    public SpoolWriteKind Kind { get; }

    /// <summary>The encoded record, in its first <see cref="Length"/> bytes.</summary>
    public byte[] Buffer { get; }

    /// <summary>The record's bytes.</summary>
    public int Length { get; }

    /// <summary>The record as written.</summary>
    public ReadOnlyMemory<byte> Record => Buffer.AsMemory(0, Length);

    /// <summary>The batch a <see cref="SpoolWriteKind.Batch"/> write makes durable; set when it is admitted.</summary>
    public SpooledBatch? Batch { get; set; }

    /// <summary>Completes once the record is durable, or fails with the write.</summary>
    public TaskCompletionSource? Durable { get; private init; }

    private bool Pooled { get; }

    /// <summary>A batch record in a buffer rented from <see cref="ArrayPool{T}.Shared"/>, returned by <see cref="Release"/>.</summary>
    public static SpoolWrite ForBatch(byte[] rented, int length) =>
        new(SpoolWriteKind.Batch, rented, length, pooled: true)
        {
            Durable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
        };

    /// <summary>A settlement record.</summary>
    public static SpoolWrite ForSettlement(byte[] record) => new(SpoolWriteKind.Settlement, record, record.Length, pooled: false);

    /// <summary>A nudge: nothing to write, only space to give back.</summary>
    public static SpoolWrite Reclaim() => new(SpoolWriteKind.Reclaim, [], 0, pooled: false);

    /// <summary>Returns a rented buffer; the write is done with.</summary>
    public void Release()
    {
        if (Pooled)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
        }
    }
}
