using Microsoft.Data.Sqlite;

namespace Ingest.Collector.Storage.Sqlite;

/// <summary>
/// What a SQLite failure says about the database file. Most failures pass (busy, a full disk, an I/O error: retry
/// later); SQLITE_CORRUPT and SQLITE_NOTADB say the file itself is damaged, which no retry mends.
/// </summary>
internal static class SqliteErrors
{
    /// <summary>SQLITE_CORRUPT: "database disk image is malformed".</summary>
    private const int Corrupt = 11;

    /// <summary>SQLITE_NOTADB: "file is not a database".</summary>
    private const int NotADatabase = 26;

    /// <summary>Whether <paramref name="exception"/>, or one inside it, says the database file is damaged.</summary>
    public static bool IsDamage(Exception? exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            // The primary code is the low byte of an extended one (SQLITE_CORRUPT_INDEX is 779, say).
            if (inner is SqliteException sqlite && (sqlite.SqliteErrorCode & 0xFF) is Corrupt or NotADatabase)
            {
                return true;
            }
        }

        return false;
    }
}
