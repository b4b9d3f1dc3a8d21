namespace Ingest.SensorSimulator.Resilience;

/// <summary>The collector answered a greeting but did not accept the sensor.</summary>
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
