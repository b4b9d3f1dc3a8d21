using Grpc.Core;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Ingestion;

/// <summary>The one batch of a <c>Write</c> call, read as a stream of one, so that it takes the same path as an Upload stream.</summary>
internal sealed class SingleBatchReader(Wire.ReadingBatch batch) : IAsyncStreamReader<Wire.ReadingBatch>
{
    private bool _read;

    public Wire.ReadingBatch Current => batch;

    public Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var first = !_read;
        _read = true;
        return Task.FromResult(first);
    }
}
