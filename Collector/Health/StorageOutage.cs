namespace Ingest.Collector.Health;

/// <summary>A time during which storage writes failed, as it ended: how many commits failed and for how long.</summary>
internal sealed record StorageOutage(long FailedCommits, TimeSpan Duration);
