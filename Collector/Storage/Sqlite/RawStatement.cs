using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Ingest.Collector.Storage.Sqlite;

/// <summary>
/// A prepared statement of the commit, driven through SQLite's own API on the connection's handle (inside whatever
/// transaction the connection has open). Binding a value costs no object: Microsoft.Data.Sqlite's command allocates a
/// binder per parameter per execution and boxes every number, which with a fleet of 10,000 sensors on their own
/// connections was a sixth of all the collector allocated (two statements and 22 values per one-reading batch).
/// Parameters are named <c>$1</c>…<c>$n</c> and bound by that number. Errors throw <see cref="SqliteException"/> as the
/// command's would, so their handling is the same.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly int[] _indexes;

    public RawStatement(SqliteConnection connection, string sql, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_database, sql, out _statement), _database);
        _indexes = new int[parameterCount + 1];
        for (var i = 1; i <= parameterCount; i++)
        {
            _indexes[i] = raw.sqlite3_bind_parameter_index(_statement, "$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (_indexes[i] == 0)
            {
                _statement.Dispose();
                throw new ArgumentException($"the statement has no parameter ${i}: {sql}", nameof(sql));
            }
        }
    }

    public RawStatement Bind(int parameter, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, _indexes[parameter], value));
        return this;
    }

    public RawStatement Bind(int parameter, string value)
    {
        Check(raw.sqlite3_bind_text(_statement, _indexes[parameter], value));
        return this;
    }

    public RawStatement Bind(int parameter, byte[] value)
    {
        Check(raw.sqlite3_bind_blob(_statement, _indexes[parameter], value));
        return this;
    }

    /// <summary>Runs the statement with the values bound; returns the rows it changed. The statement is reset for the next run either way.</summary>
    public int Execute()
    {
        try
        {
            var result = raw.sqlite3_step(_statement);
            if (result is not raw.SQLITE_DONE and not raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(result, _database);
            }

            return raw.sqlite3_changes(_database);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }
}
