namespace Ingest.MicroBenchmarks.Infrastructure;

/// <summary>A clock that stands still, so that what is measured does not depend on when it runs.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
