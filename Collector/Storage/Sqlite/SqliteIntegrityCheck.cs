using Ingest.Collector.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Ingest.Collector.Storage.Sqlite;

/// <summary>
/// The start-up check that refuses a damaged database file: the file must hold whole pages (a file cut short, by a
/// copy or restore that did not finish, is the commonest damage, and SQLite reads the missing part as zeros), and
/// <c>PRAGMA quick_check</c> must find every page of every table and index well formed — unless it runs out of
/// Collector:Storage:IntegrityCheckTimeout first, when the collector starts with a warning.
/// </summary>
internal static class SqliteIntegrityCheck
{
    /// <summary>The problems quick_check lists at most: the first few say enough.</summary>
    private const int MaxProblems = 5;

    /// <summary>SQLITE_INTERRUPT: quick_check ran out of time.</summary>
    private const int Interrupted = 9;

    private const long Mebibyte = 1024 * 1024;

    /// <summary>Throws <see cref="StorageDamagedException"/>, saying how to recover, when the file at <paramref name="path"/> is damaged.</summary>
    public static async Task EnsureIntactAsync(
        SqliteConnection connection, string path, TimeSpan timeout, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var size = File.Exists(path) ? new FileInfo(path).Length : 0;
        if (size == 0)
        {
            // A new database.
            return;
        }

        try
        {
            var pageSize = Convert.ToInt64(await ScalarAsync(connection, "PRAGMA page_size", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (size % pageSize != 0)
            {
                throw StorageDamagedException.RefusedAtStart(path,
                    $"its size, {size:N0} bytes, is not a whole number of its {pageSize:N0}-byte pages: the file was cut short");
            }

            if (timeout == TimeSpan.Zero)
            {
                return;
            }

            var started = timeProvider.GetTimestamp();
            var problems = await QuickCheckAsync(connection, timeout, timeProvider, cancellationToken);
            var elapsed = timeProvider.GetElapsedTime(started);
            if (problems is null)
            {
                CollectorLog.IntegrityCheckStopped(logger, path, size / Mebibyte, timeout);
            }
            else if (problems is not ["ok"])
            {
                throw StorageDamagedException.RefusedAtStart(path, "PRAGMA quick_check finds: " + string.Join("; ", problems));
            }
            else
            {
                CollectorLog.IntegrityChecked(logger, path, size / Mebibyte, (long)elapsed.TotalMilliseconds);
            }
        }
        catch (SqliteException ex) when (SqliteErrors.IsDamage(ex))
        {
            throw StorageDamagedException.RefusedAtStart(path, "reading it fails with " + ex.Message.TrimEnd('.'), ex);
        }
    }

    /// <summary>What quick_check reports ("ok" when all is well); null when it did not finish within <paramref name="timeout"/>.</summary>
    private static async Task<List<string>?> QuickCheckAsync(
        SqliteConnection connection, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);

        // quick_check is one long step that a token does not reach: interrupt it (safe from any thread).
        var problems = new List<string>();
        await using (either.Token.Register(() => SQLitePCL.raw.sqlite3_interrupt(connection.Handle)))
        {
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"PRAGMA quick_check({MaxProblems})";
                await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    // Skip the heading "*** in database main ***": there is one database.
                    if (reader.GetString(0) is var line && !line.StartsWith("***", StringComparison.Ordinal))
                    {
                        problems.Add(line);
                    }
                }
            }
            catch (SqliteException ex) when ((ex.SqliteErrorCode & 0xFF) == Interrupted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return null;
            }
            catch (SqliteException ex) when (SqliteErrors.IsDamage(ex))
            {
                // Some damage (a page that is no b-tree page at all) stops the check itself.
                problems.Add(ex.Message.TrimEnd('.'));
            }
        }

        return problems;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
