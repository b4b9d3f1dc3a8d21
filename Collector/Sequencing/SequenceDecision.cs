namespace Ingest.Collector.Sequencing;

/// <summary>What a batch's sequence means, given what is already settled for its sensor.</summary>
internal readonly record struct SequenceDecision(SequenceVerdict Verdict, long GapFirst, long GapLast)
{
    public bool HasGap => GapLast >= GapFirst && GapFirst > 0;

    /// <summary>Decides for a batch with <paramref name="sequence"/> when <paramref name="settled"/> is settled.</summary>
    public static SequenceDecision For(long settled, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        if (sequence <= settled)
        {
            return new(SequenceVerdict.Duplicate, 0, -1);
        }

        return sequence == settled + 1
            ? new(SequenceVerdict.Next, 0, -1)
            : new(SequenceVerdict.Next, settled + 1, sequence - 1);
    }

    /// <summary>
    /// Decides for a batch of <paramref name="session"/> when the sensor stands at <paramref name="cursor"/>: a batch
    /// of any session but the current one is fenced, whatever its sequence; session 0 (a client that never greets)
    /// is not fenced.
    /// </summary>
    public static SequenceDecision For(SensorCursor cursor, long sequence, long session) =>
        session != 0 && session != cursor.Session
            ? new(SequenceVerdict.Fenced, 0, -1)
            : For(cursor.Settled, sequence);
}
