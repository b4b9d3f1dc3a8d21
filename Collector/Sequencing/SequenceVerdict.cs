namespace Ingest.Collector.Sequencing;

internal enum SequenceVerdict
{
    /// <summary>The sequence is already settled: acknowledge again if its content is what is stored, store nothing.</summary>
    Duplicate,

    /// <summary>The sequence is new: settle it (after recording any gap before it).</summary>
    Next,

    /// <summary>The batch carries a session other than the sensor's current one: neither store nor acknowledge it.</summary>
    Fenced,
}
