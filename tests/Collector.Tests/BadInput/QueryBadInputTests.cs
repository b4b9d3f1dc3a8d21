using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Protocol;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.BadInput;

/// <summary>The bad-input table for <c>Query.ReadReadings</c>: each row's status and a message naming the problem.</summary>
public sealed class QueryBadInputTests : IDisposable
{
    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    public static TheoryData<string, StatusCode, string> Rows() => new()
    {
        { "sensor-id-empty", StatusCode.InvalidArgument, "sensor_id is empty" },
        { "sensor-id-too-long", StatusCode.InvalidArgument, "at most 128 are allowed" },
        { "sensor-id-illegal", StatusCode.InvalidArgument, "has characters outside letters, digits" },
        { "range-reversed", StatusCode.InvalidArgument, "is empty; readings are returned with from <= timestamp < to" },
        { "range-empty", StatusCode.InvalidArgument, "is empty" },
        { "timestamp-invalid", StatusCode.InvalidArgument, "from (" },
        { "protocol-version", StatusCode.FailedPrecondition, "protocol version 2 is not spoken" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task BadRequest_IsRefusedWithItsStatusAndAMessageNamingTheProblem_AndTheOthersAreServed(string row, StatusCode code, string fragment)
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var request = new Wire.ReadReadingsRequest { SensorId = "query-bad" };
        var headers = WireProtocol.Headers();
        switch (row)
        {
            case "sensor-id-empty": request.SensorId = ""; break;
            case "sensor-id-too-long": request.SensorId = new string('q', 129); break;
            case "sensor-id-illegal": request.SensorId = "q;drop"; break;
            case "range-reversed": (request.From, request.To) = (Timestamp.FromDateTimeOffset(at), Timestamp.FromDateTimeOffset(at.AddMinutes(-1))); break;
            case "range-empty": (request.From, request.To) = (Timestamp.FromDateTimeOffset(at), Timestamp.FromDateTimeOffset(at)); break;
            case "timestamp-invalid": request.From = new Timestamp { Seconds = 1, Nanos = -5 }; break;
            case "protocol-version": headers = new Metadata { { WireProtocol.VersionHeader, "2" } }; break;
            default: throw new ArgumentOutOfRangeException(nameof(row), row, null);
        }

        var error = await _collector.RefusedWhileOthersUploadAsync(async () =>
        {
            using var call = _collector.Query.ReadReadings(request, headers, DateTime.UtcNow.Add(Eventually.DefaultTimeout));
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });

        Assert.Equal(code, error.StatusCode);
        Assert.Contains(fragment, error.Status.Detail, StringComparison.Ordinal);
    }
}
