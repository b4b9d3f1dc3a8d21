using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.BadInput;

/// <summary>
/// The bad-batch rows of the bad-input table for <c>Ingestion.Upload</c> and <c>Ingestion.Write</c>: each row
/// names what is wrong with a batch, spoils a good batch of at least six readings that way, and gives a fragment
/// of the reason the collector rejects it with. Its batch is rejected and the stream goes on.
/// </summary>
internal static class BadBatchRows
{
    /// <summary>The most readings a batch may carry in the tests that use these rows (Collector:Ingestion:MaxReadingsPerBatch).</summary>
    public const int MaxReadings = 1000;

    /// <summary>The row whose batch has sequence 0, which the collector never settles.</summary>
    public const string SequenceZero = "sequence-0";

    /// <summary>Every row and a fragment of its reason.</summary>
    public static IReadOnlyList<(string Row, string Reason)> All { get; } =
    [
        ("nan", "reading 5 is NaN; values must be finite"),
        ("positive-infinity", "values must be finite"),
        ("negative-infinity", "values must be finite"),
        ("far-future", "ahead of the collector's clock"),
        ("before-2000", "before 2000-01-01"),
        ("empty", "the batch has no readings"),
        ("oversized", $"at most {MaxReadings} are allowed per batch"),
        ("missing-deltas", "time deltas"),
        (SequenceZero, "sequence is 0"),
    ];

    /// <summary>Makes <paramref name="batch"/> bad the way <paramref name="row"/> says, and returns it.</summary>
    public static Wire.ReadingBatch Spoil(Wire.ReadingBatch batch, string row)
    {
        var readings = batch.Readings;
        switch (row)
        {
            case "nan": readings.Values[5] = double.NaN; break;
            case "positive-infinity": readings.Values[5] = double.PositiveInfinity; break;
            case "negative-infinity": readings.Values[5] = double.NegativeInfinity; break;
            case "far-future": readings.BaseTimeUnixMicros = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds() * 1000; break;
            case "before-2000": readings.BaseTimeUnixMicros = new DateTimeOffset(1999, 12, 31, 23, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000; break;
            case "empty": readings.Values.Clear(); readings.TimeDeltasMicros.Clear(); break;
            case "oversized":
                readings.Values.Add(Enumerable.Repeat(1.0, MaxReadings));
                readings.TimeDeltasMicros.Add(Enumerable.Repeat(1L, MaxReadings));
                break;
            case "missing-deltas": readings.TimeDeltasMicros.RemoveAt(0); break;
            case SequenceZero: batch.Sequence = 0; break;
            default: throw new ArgumentOutOfRangeException(nameof(row), row, null);
        }

        return batch;
    }
}
