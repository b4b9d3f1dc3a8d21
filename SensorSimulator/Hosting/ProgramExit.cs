namespace Ingest.SensorSimulator.Hosting;

/// <summary>The simulator's exit code: 0 unless a worker stopped the application on purpose because of a failure.</summary>
internal sealed class ProgramExit
{
    /// <summary>The exit code when the collector refused the key of every sensor: nothing could be sampled or uploaded.</summary>
    public const int KeysRefused = 2;

    private int _code;

    public int Code
    {
        get => Volatile.Read(ref _code);
        set => Volatile.Write(ref _code, value);
    }
}
