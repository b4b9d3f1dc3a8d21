namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>The simulator's counts over all its sensors.</summary>
internal sealed record LedgerTotals(
    long Sensors, long Sampled, long Acked, long Rejected, long Dropped, long Lost, long Unacked, long Retries, long Recovered);
