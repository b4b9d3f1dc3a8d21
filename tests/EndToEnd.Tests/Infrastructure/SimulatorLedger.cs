using System.Text.Json;
using Ingest.SensorSimulator.Reporting;

namespace Ingest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Reads the ledger file the simulator writes at the end of a run (<c>Simulator:LedgerPath</c>), with the simulator's
/// own types and JSON context, so that what the tests read is exactly what the simulator wrote.
/// </summary>
internal static class SimulatorLedger
{
    public static LedgerDocument Read(string path) =>
        JsonSerializer.Deserialize(File.ReadAllText(path), LedgerJsonContext.Default.LedgerDocument)
        ?? throw new InvalidDataException("The ledger file is empty: " + path);
}
