namespace Ingest.Dashboard.Feed;

/// <summary>The collector ended the aggregate stream without an error; the dashboard subscribes again.</summary>
internal sealed class StreamEndedException : Exception
{
    public StreamEndedException()
        : base("the collector ended the stream")
    {
    }

    public StreamEndedException(string message)
        : base(message)
    {
    }

    public StreamEndedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
