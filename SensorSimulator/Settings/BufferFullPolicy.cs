namespace Ingest.SensorSimulator.Settings;

/// <summary>What a sensor does when its buffer of unacknowledged batches is full.</summary>
internal enum BufferFullPolicy
{
    /// <summary>Sampling waits until there is room; readings due meanwhile are not sampled (backpressure).</summary>
    Block,

    /// <summary>
    /// The oldest batch that was never sent is dropped and counted; when every batch held has been sent at
    /// least once, sampling waits as with <see cref="Block"/>.
    /// </summary>
    DropOldest,
}
