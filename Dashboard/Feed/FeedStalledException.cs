namespace Ingest.Dashboard.Feed;

/// <summary>Nothing arrived on the aggregate stream, not even a heartbeat, for the stall timeout.</summary>
internal sealed class FeedStalledException : Exception
{
    public FeedStalledException()
    {
    }

    public FeedStalledException(string message)
        : base(message)
    {
    }

    public FeedStalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
