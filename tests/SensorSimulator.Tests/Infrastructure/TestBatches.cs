using Ingest.SensorSimulator.Model;


namespace Ingest.SensorSimulator.Tests.Infrastructure;

/// <summary>Sealed batches for tests: regular readings, 10 ms apart.</summary>
internal static class TestBatches
{
    public static SealedBatch Create(ulong sequence, int readings = 10)
    {
        var start = 1_700_000_000_000_000L + ((long)sequence * readings * 10_000);
        return new SealedBatch(
            sequence,
            Enumerable.Range(0, readings).Select(i => new Reading(start + (i * 10_000L), i)).ToArray());
    }
}
