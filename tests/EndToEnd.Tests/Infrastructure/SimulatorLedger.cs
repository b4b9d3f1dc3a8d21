using System.Text.Json;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>The ledger file the simulator writes at the end of a run (<c>Simulator:LedgerPath</c>).</summary>
internal sealed record SimulatorLedger(IReadOnlyList<SensorLedger> Sensors, LedgerTotals Totals)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static SimulatorLedger Read(string path) =>
        JsonSerializer.Deserialize<SimulatorLedger>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException("The ledger file is empty: " + path);
}
