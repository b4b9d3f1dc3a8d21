using Ingest.SensorSimulator.Tests.Spool;

namespace Ingest.SensorSimulator.Tests.Infrastructure;

/// <summary>
/// The test assembly's own entry point, for what needs a process of its own; the test runner does not use it.
/// <list type="bullet">
/// <item><c>dotnet exec Ingest.SensorSimulator.Tests.dll spool-append DIR SENSORS</c>: appends to the spool in DIR
/// until killed, printing <c>SENSOR SEQUENCE</c> for each batch once it is durable (<see cref="SpoolKillTests"/>).</item>
/// <item><c>dotnet exec Ingest.SensorSimulator.Tests.dll spool-measure DIR [SECONDS]</c>: prints appends and fsyncs
/// per second with 1, 100 and 1,000 sensors appending at once (<see cref="SpoolMeasurement"/>).</item>
/// </list>
/// </summary>
internal static class TestProgram
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["spool-append", var path, var sensors]:
                await SpoolAppender.RunAsync(path, int.Parse(sensors, System.Globalization.CultureInfo.InvariantCulture));
                return 0;
            case ["spool-measure", var path, .. var rest]:
                var seconds = rest.Length > 0 ? int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
                await SpoolMeasurement.RunAsync(path, TimeSpan.FromSeconds(seconds));
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: spool-append DIR SENSORS | spool-measure DIR [SECONDS]");
                return 2;
        }
    }
}
