namespace Ingest.SensorSimulator.Model;

/// <summary>
/// What a greeting says became of a sensor's batches up to <see cref="Through"/>: each sequence in
/// <see cref="Rejected"/> was refused, each inside a range of <see cref="Lost"/> was recorded as lost, each in
/// <see cref="Conflicting"/> is stored with other readings than the sensor's (another process of it used the sequence),
/// and every other one is stored — with the sensor's very readings for those it listed as held (<see cref="Checked"/>),
/// by sequence only for the others.
/// </summary>
/// <param name="Through">The highest sequence these outcomes cover; 0 for none.</param>
/// <param name="Rejected">Sequences refused by the collector.</param>
/// <param name="Lost">Ranges of sequences the collector recorded as lost (first, last; inclusive).</param>
/// <param name="Conflicting">Held sequences the collector stores with other readings.</param>
/// <param name="Checked">The held sequences the greeting listed with their readings' checksum.</param>
internal sealed record SettledOutcomes(
    ulong Through,
    IReadOnlySet<ulong> Rejected,
    IReadOnlyList<(ulong First, ulong Last)> Lost,
    IReadOnlySet<ulong> Conflicting,
    IReadOnlySet<ulong> Checked)
{
    /// <summary>Outcomes with no conflict and nothing checked by content.</summary>
    public SettledOutcomes(ulong through, IReadOnlySet<ulong> rejected, IReadOnlyList<(ulong First, ulong Last)> lost)
        : this(through, rejected, lost, new HashSet<ulong>(), new HashSet<ulong>())
    {
    }

    /// <summary>Every sequence up to <paramref name="through"/> is stored.</summary>
    public static SettledOutcomes AllStored(ulong through) => new(through, new HashSet<ulong>(), []);

    /// <summary>What became of <paramref name="sequence"/>, one of those these outcomes reach.</summary>
    public BatchOutcome Of(ulong sequence) =>
        Rejected.Contains(sequence) || Conflicting.Contains(sequence) ? BatchOutcome.Rejected
        : IsLost(sequence) ? BatchOutcome.Lost
        : BatchOutcome.Stored;

    /// <summary>
    /// Whether a held batch's outcome is known for sure: rejected or lost by sequence, stored only when its readings were
    /// compared (<see cref="Checked"/>). A batch stored by sequence alone is resent, and its acknowledgement tells.
    /// </summary>
    public bool Settles(ulong sequence) => sequence <= Through && (Of(sequence) != BatchOutcome.Stored || Checked.Contains(sequence));

    public bool IsLost(ulong sequence)
    {
        foreach (var (first, last) in Lost)
        {
            if (sequence >= first && sequence <= last)
            {
                return true;
            }
        }

        return false;
    }
}
