namespace Ingest.SensorSimulator.Chaos;

/// <summary>The calls of a sensor that <c>Simulator:Chaos</c> can disturb.</summary>
internal enum ChaosCall
{
    /// <summary><c>Greeter.Greet</c>.</summary>
    Greet,

    /// <summary>One upload attempt (<c>Ingestion.Upload</c>).</summary>
    Upload,

    /// <summary>One control stream (<c>Control.Connect</c>).</summary>
    Connect,
}
