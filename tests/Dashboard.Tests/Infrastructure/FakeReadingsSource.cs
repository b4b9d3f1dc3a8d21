using System.Runtime.CompilerServices;
using Ingest.Dashboard.Export;

namespace Ingest.Dashboard.Tests.Infrastructure;

/// <summary>Stored readings without a network: yields <see cref="Readings"/>, then fails with <see cref="FailWith"/> if set.</summary>
internal sealed class FakeReadingsSource : IReadingsSource
{
    public List<StoredReading> Readings { get; } = [];

    public Exception? FailWith { get; set; }

    public (string SensorId, DateTimeOffset From, DateTimeOffset To)? LastRequest { get; private set; }

    public async IAsyncEnumerable<StoredReading> ReadAsync(
        string sensorId, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        LastRequest = (sensorId, from, to);
        foreach (var reading in Readings)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return reading;
        }

        if (FailWith is not null)
        {
            throw FailWith;
        }
    }
}
