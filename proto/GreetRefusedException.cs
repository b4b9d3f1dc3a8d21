namespace Ingest.Protocol;

/// <summary>The collector answered a greeting but did not accept the caller.</summary>
public sealed class GreetRefusedException : Exception
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
