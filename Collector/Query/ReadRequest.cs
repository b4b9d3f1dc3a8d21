using Google.Protobuf.WellKnownTypes;
using Ingest.Collector.Errors;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Query;

/// <summary>A validated <c>ReadReadingsRequest</c>: a sensor, the range from &lt;= timestamp &lt; to in µs, and the chunk size.</summary>
internal sealed record ReadRequest(string SensorId, long FromMicros, long ToMicros, int ReadingsPerChunk)
{
    /// <summary>Readings per chunk when the request leaves it at 0 (at most the collector's batch limit).</summary>
    public const int DefaultReadingsPerChunk = 10_000;

    /// <summary>Reads <paramref name="request"/>; throws InvalidArgument with what to change when it is not valid.</summary>
    public static ReadRequest Read(Wire.ReadReadingsRequest request, int maxReadingsPerBatch)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Model.SensorId.Validate(request.SensorId) is { } idError)
        {
            throw RpcErrors.InvalidArgument(idError);
        }

        // An unset bound leaves that side of the range open.
        var from = request.From is null ? long.MinValue : MicrosAtOrAfter(request.From, "from");
        var to = request.To is null ? long.MaxValue : MicrosAtOrAfter(request.To, "to");
        if (from >= to)
        {
            throw RpcErrors.InvalidArgument(
                $"the range from {request.From} to {request.To} is empty; readings are returned with from <= timestamp < to, so set to after from");
        }

        var perChunk = request.MaxReadingsPerChunk == 0
            ? Math.Min(DefaultReadingsPerChunk, maxReadingsPerBatch)
            : (int)Math.Min(request.MaxReadingsPerChunk, (uint)maxReadingsPerBatch);
        return new ReadRequest(request.SensorId, from, to, perChunk);
    }

    /// <summary>
    /// The first whole microsecond at or after <paramref name="timestamp"/>: a reading (whole µs) is at or
    /// after the timestamp exactly when it is at or after this, and before it exactly when it is before this.
    /// </summary>
    private static long MicrosAtOrAfter(Timestamp timestamp, string field)
    {
        if (timestamp.Seconds is < -62_135_596_800 or > 253_402_300_799 || timestamp.Nanos is < 0 or > 999_999_999)
        {
            throw RpcErrors.InvalidArgument(
                $"{field} ({timestamp.Seconds} s, {timestamp.Nanos} ns) is not a valid timestamp; it must lie within years 1 to 9999 with nanos from 0 to 999,999,999");
        }

        return (timestamp.Seconds * 1_000_000) + ((timestamp.Nanos + 999) / 1000);
    }
}
