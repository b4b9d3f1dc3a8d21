namespace Ingest.Collector.Query;

/// <summary>A query's client left a reply untaken for longer than <see cref="QueryOptions.WriteTimeout"/>.</summary>
internal sealed class ReplyNotTakenException : Exception
{
    public ReplyNotTakenException()
        : base("The client did not take a reply within the write timeout.")
    {
    }

    public ReplyNotTakenException(string message)
        : base(message)
    {
    }

    public ReplyNotTakenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
