namespace Ingest.Dashboard.Feed;

/// <summary>The collector answered the greeting but did not accept the dashboard.</summary>
internal sealed class GreetRefusedException : Exception
{
    public GreetRefusedException()
    {
    }

    public GreetRefusedException(string message)
        : base(message)
    {
    }

    public GreetRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
