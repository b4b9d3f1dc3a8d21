namespace Ingest.SensorSimulator.Buffering;

/// <summary>
/// What a greeting says became of a sensor's batches up to <see cref="Through"/>: each sequence in
/// <see cref="Rejected"/> was refused, each inside a range of <see cref="Lost"/> was recorded as lost, and every
/// other one is stored.
/// </summary>
/// <param name="Through">The highest sequence these outcomes cover; 0 for none.</param>
/// <param name="Rejected">Sequences refused by the collector.</param>
/// <param name="Lost">Ranges of sequences the collector recorded as lost (first, last; inclusive).</param>
internal sealed record SettledOutcomes(ulong Through, IReadOnlySet<ulong> Rejected, IReadOnlyList<(ulong First, ulong Last)> Lost)
{
    /// <summary>Every sequence up to <paramref name="through"/> is stored.</summary>
    public static SettledOutcomes AllStored(ulong through) => new(through, new HashSet<ulong>(), []);

    /// <summary>What became of <paramref name="sequence"/>, one of those these outcomes reach.</summary>
    public BatchOutcome Of(ulong sequence) =>
        Rejected.Contains(sequence) ? BatchOutcome.Rejected
        : IsLost(sequence) ? BatchOutcome.Lost
        : BatchOutcome.Stored;

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
