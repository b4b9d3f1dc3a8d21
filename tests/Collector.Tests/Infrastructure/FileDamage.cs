namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>Damages a collector's database file behind SQLite's back, as an unfinished copy or a failing disk would.</summary>
internal static class FileDamage
{
    /// <summary>Cuts the last <paramref name="bytes"/> off the file.</summary>
    public static void CutShort(string path, long bytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        file.SetLength(file.Length - bytes);
    }

    /// <summary>
    /// Overwrites the page type (its first byte) of the root page of <paramref name="table"/> with one SQLite does not
    /// know, so that reading the table's rows fails with SQLITE_CORRUPT. Copies the write-ahead log into the file
    /// first, so that readers find the page there; the collector may be running.
    /// </summary>
    public static void BreakRootPage(string path, string table)
    {
        var sqlite = new SqliteFile(path);
        Assert.Equal(0L, sqlite.Scalar("PRAGMA wal_checkpoint(TRUNCATE)"));
        var root = (long)sqlite.Scalar($"SELECT rootpage FROM sqlite_schema WHERE name = '{table}'")!;
        var pageSize = (long)sqlite.Scalar("PRAGMA page_size")!;
        Assert.True(root > 1, "page 1 starts with the file header");
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        file.Position = (root - 1) * pageSize;
        file.WriteByte(0xFF);
    }
}
