namespace Ingest.SensorSimulator.Model;

/// <summary>What the collector says became of one batch.</summary>
internal enum BatchOutcome
{
    /// <summary>Stored: committed, or a resend of the very readings stored earlier.</summary>
    Stored,

    /// <summary>Refused, with a reason.</summary>
    Rejected,

    /// <summary>Recorded as lost: its sequence lies in a gap.</summary>
    Lost,
}
