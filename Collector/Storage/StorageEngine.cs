namespace Ingest.Collector.Storage;

/// <summary>The storage engines a collector can keep its data in (<c>Collector:Storage:Engine</c>).</summary>
internal enum StorageEngine
{
    /// <summary>One SQLite file, written by one collector at a time: the embedded default.</summary>
    Sqlite,

    /// <summary>One PostgreSQL database, shared by any number of collectors.</summary>
    Postgres,
}
