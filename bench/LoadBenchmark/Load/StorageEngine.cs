namespace Ingest.LoadBenchmark.Load;

/// <summary>The collector's storage engine in a full run: its embedded SQLite file, or a PostgreSQL database the benchmark starts.</summary>
internal enum StorageEngine
{
    Sqlite,
    Postgres,
}
