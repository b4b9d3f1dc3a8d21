using Ingest.Dashboard.Export;

namespace Ingest.Dashboard.Grpc;

/// <summary>
/// Stored readings from the first of several collectors that answers (<see cref="CollectorFailover{TClient}"/>):
/// they share one database, so each holds every reading.
/// </summary>
internal sealed class FailoverReadingsSource(CollectorFailover<IReadingsSource> sources) : IReadingsSource
{
    public IAsyncEnumerable<StoredReading> ReadAsync(
        string sensorId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        sources.StreamAsync("export", source => source.ReadAsync(sensorId, from, to, cancellationToken), cancellationToken);
}
