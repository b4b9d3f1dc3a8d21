namespace Ingest.Dashboard.Export;

/// <summary>The collector's stored readings.</summary>
internal interface IReadingsSource
{
    /// <summary>The readings of <paramref name="sensorId"/> with <paramref name="from"/> &lt;= timestamp &lt; <paramref name="to"/>, in time order.</summary>
    IAsyncEnumerable<StoredReading> ReadAsync(
        string sensorId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
