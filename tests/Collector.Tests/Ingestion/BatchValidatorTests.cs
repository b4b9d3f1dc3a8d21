using Ingest.Collector.Aggregation;
using Ingest.Collector.Ingestion;
using Ingest.Collector.Settings;
using Ingest.Collector.Tests.TestDoubles;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Ingestion;

public sealed class BatchValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly long NowMicros = Now.ToUnixTimeMilliseconds() * 1000;
    private static readonly long EarliestMicros = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    private readonly IngestionOptions _options = new() { MaxReadingsPerBatch = 5, MaxClockSkew = TimeSpan.FromMinutes(5) };
    private readonly BatchValidator _validator;

    public BatchValidatorTests() =>
        _validator = new BatchValidator(FixedOptions.Of(_options), new WindowRunPlanner(Options.Create(new AggregationOptions())), new FakeTimeProvider(Now));

    [Fact]
    public void Validate_ValidBatch_MapsTimestampsAsBasePlusCumulativeDeltas()
    {
        var message = Batch(NowMicros - 1_000_000, [10, 20, -5, 0], [1.5, -2.0, 0.0, 3.25]);

        var result = _validator.Validate(message);

        Assert.True(result.IsValid);
        Assert.Null(result.RejectionReason);
        var batch = result.Batch!;
        Assert.Equal("sensor-1", batch.SensorId);
        Assert.Equal(7, batch.Sequence);
        var start = NowMicros - 1_000_000;
        var (timestamps, values) = batch.Decode();
        Assert.Equal([start + 10, start + 30, start + 25, start + 25], timestamps);
        Assert.Equal([1.5, -2.0, 0.0, 3.25], values);
        Assert.Equal(start + 10, batch.MinTimestampMicros);
        Assert.Equal(start + 30, batch.MaxTimestampMicros);
        Assert.Equal(4, result.ReadingCount);
    }

    [Fact]
    public void Validate_SingleReading_MinAndMaxAreItsTimestamp()
    {
        var result = _validator.Validate(Batch(NowMicros, [0], [42.0]));

        Assert.True(result.IsValid);
        Assert.Equal(NowMicros, result.Batch!.MinTimestampMicros);
        Assert.Equal(NowMicros, result.Batch.MaxTimestampMicros);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Validate_NonFiniteValue_IsRejectedNamingItsIndex(double bad)
    {
        var result = _validator.Validate(Batch(NowMicros, [0, 1, 1], [1.0, 2.0, bad]));

        Assert.False(result.IsValid);
        Assert.Null(result.Batch);
        Assert.Contains("reading 2", result.RejectionReason, StringComparison.Ordinal);
        Assert.Contains("finite", result.RejectionReason, StringComparison.Ordinal);
        Assert.Equal(3, result.ReadingCount);
    }

    [Fact]
    public void Validate_NoReadings_IsRejected()
    {
        var result = _validator.Validate(Batch(NowMicros, [], []));

        Assert.False(result.IsValid);
        Assert.Contains("no readings", result.RejectionReason, StringComparison.Ordinal);
        Assert.Equal(0, result.ReadingCount);
    }

    [Fact]
    public void Validate_NullReadings_IsRejected()
    {
        var result = _validator.Validate(new Wire.ReadingBatch { SensorId = "sensor-1", Sequence = 1 });

        Assert.False(result.IsValid);
        Assert.Contains("no readings", result.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MoreThanMaxReadingsPerBatch_IsRejectedWithCountAndLimit()
    {
        var result = _validator.Validate(Batch(NowMicros, [0, 1, 1, 1, 1, 1], [1, 2, 3, 4, 5, 6]));

        Assert.False(result.IsValid);
        Assert.Contains("6 readings", result.RejectionReason, StringComparison.Ordinal);
        Assert.Contains("at most 5", result.RejectionReason, StringComparison.Ordinal);
        Assert.Equal(6, result.ReadingCount);
    }

    [Fact]
    public void Validate_ExactlyMaxReadingsPerBatch_IsAccepted() =>
        Assert.True(_validator.Validate(Batch(NowMicros, [0, 1, 1, 1, 1], [1, 2, 3, 4, 5])).IsValid);

    [Fact]
    public void Validate_LimitChangedLive_AppliesToTheNextBatch()
    {
        _options.MaxReadingsPerBatch = 2;

        Assert.False(_validator.Validate(Batch(NowMicros, [0, 1, 1], [1, 2, 3])).IsValid);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Validate_DeltaCountDifferentFromValueCount_IsRejectedWithBothCounts(int deltaCount)
    {
        var result = _validator.Validate(Batch(NowMicros, new long[deltaCount], [1.0, 2.0, 3.0]));

        Assert.False(result.IsValid);
        Assert.Contains("3 values", result.RejectionReason, StringComparison.Ordinal);
        Assert.Contains($"{deltaCount} time deltas", result.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TimestampBefore2000_IsRejectedNamingItsIndex()
    {
        var result = _validator.Validate(Batch(EarliestMicros, [0, 5, -6], [1, 2, 3]));

        Assert.False(result.IsValid);
        Assert.Contains("reading 2", result.RejectionReason, StringComparison.Ordinal);
        Assert.Contains("before 2000-01-01", result.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TimestampExactly2000_IsAccepted() =>
        Assert.True(_validator.Validate(Batch(EarliestMicros, [0], [1])).IsValid);

    [Fact]
    public void Validate_ZeroTimestamp_IsRejected()
    {
        var result = _validator.Validate(Batch(0, [0], [1]));

        Assert.False(result.IsValid);
        Assert.Contains("reading 0", result.RejectionReason, StringComparison.Ordinal);
        Assert.Contains("1970-01-01", result.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TimestampBeyondClockSkew_IsRejectedNamingIndexAndSkew()
    {
        var limit = NowMicros + (long)_options.MaxClockSkew.TotalMicroseconds;

        var result = _validator.Validate(Batch(limit, [0, 1], [1, 2]));

        Assert.False(result.IsValid);
        Assert.Contains("reading 1", result.RejectionReason, StringComparison.Ordinal);
        Assert.Contains("00:05:00", result.RejectionReason, StringComparison.Ordinal);
        Assert.Contains("clock", result.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TimestampAtClockSkewLimit_IsAccepted()
    {
        var limit = NowMicros + (long)_options.MaxClockSkew.TotalMicroseconds;

        Assert.True(_validator.Validate(Batch(limit, [0], [1])).IsValid);
    }

    [Fact]
    public void Validate_TimestampAheadWithinClockSkew_IsAccepted() =>
        Assert.True(_validator.Validate(Batch(NowMicros + 60_000_000, [0], [1])).IsValid);

    [Fact]
    public void Validate_TimestampFarBeyondDateRange_IsRejectedWithRawMicros()
    {
        var result = _validator.Validate(Batch(long.MaxValue, [0], [1]));

        Assert.False(result.IsValid);
        Assert.Contains("reading 0", result.RejectionReason, StringComparison.Ordinal);
        Assert.Contains(long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), result.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DeltaThatOverflows_IsRejectedNotWrappedIntoRange()
    {
        var result = _validator.Validate(Batch(NowMicros, [0, long.MaxValue], [1, 2]));

        Assert.False(result.IsValid);
        Assert.Contains("reading 1", result.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FirstDeltaThatWrapsTheBaseIntoRange_IsRejectedAsOverflow()
    {
        // long.MinValue + (long.MinValue + now) wraps round to now: a nonsense base must not pass for a valid time.
        var result = _validator.Validate(Batch(long.MinValue, [long.MinValue + NowMicros], [1]));

        Assert.False(result.IsValid);
        Assert.Contains("reading 0's timestamp overflows", result.RejectionReason, StringComparison.Ordinal);
    }

    private static Wire.ReadingBatch Batch(long baseMicros, long[] deltas, double[] values)
    {
        var readings = new Wire.PackedReadings { BaseTimeUnixMicros = baseMicros };
        readings.TimeDeltasMicros.Add(deltas);
        readings.Values.Add(values);
        return new Wire.ReadingBatch { SensorId = "sensor-1", Sequence = 7, Readings = readings };
    }
}
