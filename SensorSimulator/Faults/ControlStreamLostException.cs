namespace Ingest.SensorSimulator.Faults;

/// <summary>A control stream ended without a failure status: the collector went silent or ended it.</summary>
public sealed class ControlStreamLostException : Exception
{
    public ControlStreamLostException()
    {
    }

    public ControlStreamLostException(string message)
        : base(message)
    {
    }

    public ControlStreamLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
