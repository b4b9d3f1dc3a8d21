namespace Ingest.SensorSimulator.Spool;

/// <summary>What a <see cref="SpoolWrite"/> asks of the writer.</summary>
internal enum SpoolWriteKind
{
    /// <summary>Write a batch record and make it durable before the append returns.</summary>
    Batch,

    /// <summary>Write a settlement record; durable with the next fsync.</summary>
    Settlement,

    /// <summary>Write nothing; give space back if any can be.</summary>
    Reclaim,
}
