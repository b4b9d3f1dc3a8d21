namespace Ingest.Collector.Sequencing;

internal enum SequenceVerdict
{
    /// <summary>The sequence is already settled: acknowledge again, store nothing.</summary>
    Duplicate,

    /// <summary>The sequence is new: settle it (after recording any gap before it).</summary>
    Next,
}
