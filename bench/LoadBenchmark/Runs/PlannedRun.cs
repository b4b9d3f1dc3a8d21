using Ingest.LoadBenchmark.Load;

namespace Ingest.LoadBenchmark.Runs;

/// <summary>
/// One full-speed run to make: its name (<see cref="RunNames"/>), pattern, batch size (null for naive), round, and the
/// storage its collectors use (<see cref="StorageSetup.Sqlite"/> but for the PostgreSQL rows).
/// </summary>
internal sealed record PlannedRun(string Name, LoadPattern Pattern, int? BatchSize, int Round)
{
    public StorageSetup Setup { get; init; } = StorageSetup.Sqlite;
}
