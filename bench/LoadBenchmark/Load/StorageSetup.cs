namespace Ingest.LoadBenchmark.Load;

/// <summary>
/// What a run's collectors store into: SQLite (one collector, its own file), or one fresh PostgreSQL database shared by
/// <paramref name="Collectors"/> collectors, the sensors split over them (<see cref="SensorSplit"/>).
/// </summary>
internal sealed record StorageSetup(StorageEngine Engine, int Collectors)
{
    /// <summary>One collector on its own SQLite file: every run but the PostgreSQL rows.</summary>
    public static readonly StorageSetup Sqlite = new(StorageEngine.Sqlite, 1);

    /// <summary><paramref name="collectors"/> collectors on one PostgreSQL database.</summary>
    public static StorageSetup Postgres(int collectors) => new(StorageEngine.Postgres, collectors);

    /// <summary>What the report calls it: <c>SQLite</c>, <c>PostgreSQL, 1 collector</c>, <c>PostgreSQL, 2 collectors</c>.</summary>
    public string Label => Engine == StorageEngine.Sqlite ? "SQLite" : $"PostgreSQL, {Collectors} collector{(Collectors == 1 ? "" : "s")}";

    /// <summary>What run names carry for it: nothing for SQLite, <c>-pg2</c> for two collectors on PostgreSQL.</summary>
    public string NameSuffix => Engine == StorageEngine.Sqlite ? "" : $"-pg{Collectors}";
}
