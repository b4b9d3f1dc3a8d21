using Ingest.LoadBenchmark.Reporting;

namespace Ingest.LoadBenchmark.Fleet;

/// <summary>One fleet invocation's figures: the content of fleet.json, from which fleet.md and fleet.png are made.</summary>
internal sealed record FleetReport
{
    public DateTimeOffset StartedAt { get; init; }

    public required MachineInfo Machine { get; init; }

    public double Seconds { get; init; }

    public int ConnectPerSecond { get; init; }

    public int SensorsPerWorker { get; init; }

    public IReadOnlyList<string> CollectorArguments { get; init; } = [];

    public IReadOnlyDictionary<string, string> CollectorEnvironment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<FleetResult> Results { get; init; } = [];

    /// <summary>What makes the report fail: each size's <see cref="FleetResult.Problem"/>.</summary>
    public IReadOnlyList<string> Problems => [.. Results.Where(r => r.Problem is not null).Select(r => $"fleet {r.Sensors:N0}: {r.Problem}")];
}
