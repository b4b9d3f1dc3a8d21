using Ingest.SensorSimulator.Model;
using Ingest.SensorSimulator.Sensors;
using Ingest.SensorSimulator.Settings;
using Microsoft.Extensions.Options;

namespace Ingest.SensorSimulator.Fleet;

/// <summary>Every simulated sensor of this process.</summary>
internal sealed class SensorFleet
{
    private readonly SimulatedSensor[] _sensors;

    public SensorFleet(IOptions<SimulatorOptions> options, SensorFactory factory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factory);
        _sensors = Enumerable.Range(1, options.Value.Sensors).Select(factory.Create).ToArray();
    }

    public int Count => _sensors.Length;

    /// <summary>Runs every sensor until sampling stops and each has flushed (or given up flushing).</summary>
    public Task RunAsync(CancellationToken stopSampling) =>
        Task.WhenAll(_sensors.Select(sensor => sensor.RunAsync(stopSampling)));

    public IReadOnlyList<SensorSnapshot> Snapshot() => _sensors.Select(sensor => sensor.Snapshot()).ToArray();
}
