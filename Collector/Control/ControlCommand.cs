namespace Ingest.Collector.Control;

/// <summary>A command an operator sends to connected sensors.</summary>
internal enum ControlCommand
{
    /// <summary>Stop sampling until resumed.</summary>
    Pause = 1,

    Resume = 2,

    /// <summary>Seal the open batch and upload what is buffered.</summary>
    Flush = 3,
}
