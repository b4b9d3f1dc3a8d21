namespace Ingest.Dashboard.Model;

/// <summary>An attempt to reach the collector failed; the next one starts at <see cref="NextAttemptAt"/>.</summary>
/// <param name="FailedAttempts">Attempts failed in a row since the last snapshot, this one included.</param>
/// <param name="Delay">The backoff before the next attempt.</param>
/// <param name="NextAttemptAt">When the next attempt starts.</param>
/// <param name="Reason">Why the attempt failed, for a person to read.</param>
internal sealed record RetryNotice(int FailedAttempts, TimeSpan Delay, DateTimeOffset NextAttemptAt, string Reason);
