namespace Ingest.Dashboard.Admin;

/// <summary>What an operator tells sensors to do.</summary>
internal enum SensorCommandKind
{
    /// <summary>Stop sampling until resumed; buffered batches are still uploaded. A restarted sensor samples again.</summary>
    Pause,

    /// <summary>Sample again after a pause.</summary>
    Resume,

    /// <summary>Seal the open batch now and upload what is buffered.</summary>
    Flush,
}
