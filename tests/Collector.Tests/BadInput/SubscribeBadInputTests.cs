using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Protocol;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.BadInput;

/// <summary>The bad-input table for <c>Aggregates.Subscribe</c>'s filters: each row's status and a message naming the problem.</summary>
public sealed class SubscribeBadInputTests : IDisposable
{
    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    public static TheoryData<string, StatusCode, string> Rows() => new()
    {
        { "window-not-kept", StatusCode.InvalidArgument, "window 7 s is not kept by this collector; ask for one of" },
        { "window-invalid", StatusCode.InvalidArgument, "window (1 s, -5 ns) is not a valid duration" },
        { "sensor-pattern-illegal", StatusCode.InvalidArgument, "sensor_ids[1] must be 1 to 128 letters" },
        { "sensor-pattern-empty", StatusCode.InvalidArgument, "sensor_ids[1] must be 1 to 128 letters" },
        { "sensor-pattern-too-long", StatusCode.InvalidArgument, "sensor_ids[1] must be 1 to 128 letters" },
        { "too-many-sensor-ids", StatusCode.InvalidArgument, "at most 1000 are allowed" },
        { "kind-illegal", StatusCode.InvalidArgument, "kinds[0]: kind 'a b'" },
        { "update-interval-too-long", StatusCode.InvalidArgument, "min_update_interval 7200 s is longer than the 3600 s allowed" },
        { "protocol-version", StatusCode.FailedPrecondition, "protocol version 2 is not spoken" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task BadFilter_IsRefusedWithItsStatusAndAMessageNamingTheProblem_AndTheOthersAreServed(string row, StatusCode code, string fragment)
    {
        var request = new Wire.SubscribeRequest { SensorIds = { "sub-*" } };
        var headers = WireProtocol.Headers();
        switch (row)
        {
            case "window-not-kept": request.Window = Duration.FromTimeSpan(TimeSpan.FromSeconds(7)); break;
            case "window-invalid": request.Window = new Duration { Seconds = 1, Nanos = -5 }; break;
            case "sensor-pattern-illegal": request.SensorIds.Add("a b"); break;
            case "sensor-pattern-empty": request.SensorIds.Add(""); break;
            case "sensor-pattern-too-long": request.SensorIds.Add(new string('p', 129)); break;
            case "too-many-sensor-ids": request.SensorIds.Add(Enumerable.Range(0, 1000).Select(i => $"s{i}")); break;
            case "kind-illegal": request.Kinds.Add("a b"); break;
            case "update-interval-too-long": request.MinUpdateInterval = Duration.FromTimeSpan(TimeSpan.FromHours(2)); break;
            case "protocol-version": headers = new Metadata { { WireProtocol.VersionHeader, "2" } }; break;
            default: throw new ArgumentOutOfRangeException(nameof(row), row, null);
        }

        var error = await _collector.RefusedWhileOthersUploadAsync(async () =>
        {
            using var call = _collector.Aggregates.Subscribe(request, headers, DateTime.UtcNow.Add(Eventually.DefaultTimeout));
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });

        Assert.Equal(code, error.StatusCode);
        Assert.Contains(fragment, error.Status.Detail, StringComparison.Ordinal);
    }
}
