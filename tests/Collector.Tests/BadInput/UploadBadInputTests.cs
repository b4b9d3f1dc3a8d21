using Grpc.Core;
using Ingest.Collector.Subscriptions;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Collector.Tests.BadInput;

/// <summary>
/// The bad-input table for <c>Ingestion.Upload</c> and <c>Ingestion.Write</c>: each row's status, a message that
/// names what was wrong, nothing of it stored, and a sensor uploading beside it is served in full.
/// </summary>
public sealed class UploadBadInputTests : IDisposable
{
    private const int MaxReadings = BadBatchRows.MaxReadings;
    private readonly CollectorFactory _collector = new CollectorFactory()
        .With("Collector:Ingestion:MaxReadingsPerBatch", MaxReadings.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("Collector:Ingestion:MaxMessageSizeBytes", "65536");

    public void Dispose() => _collector.Dispose();

    /// <summary>Rows whose batch is rejected and reported in the acknowledgement while the stream goes on (<see cref="BadBatchRows"/>), by Upload and by Write.</summary>
    public static TheoryData<string, string, bool> RejectedBatches()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var write in new[] { false, true })
        {
            foreach (var (row, reason) in BadBatchRows.All)
            {
                data.Add(row, reason, write);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RejectedBatches))]
    public async Task BadBatch_IsRejectedWithInvalidArgumentAndItsReason_NotStoredNorAggregated_AndTheOthersAreServed(string row, string reason, bool write)
    {
        var sensor = $"bad-{row}-{(write ? "w" : "u")}";
        var bad = BadBatchRows.Spoil(ReadingBatches.Second(sensor, 2, second: 1), row);

        var ack = await _collector.WhileOthersUploadAsync(() => write
            ? _collector.Ingestion.WriteAsync(bad, WireProtocol.Headers()).ResponseAsync
            : _collector.Ingestion.UploadAsync([ReadingBatches.Second(sensor, 1, second: 0), bad, ReadingBatches.Second(sensor, 3, second: 2)]));

        var rejected = Assert.Single(ack.Rejected);
        Assert.Equal((int)StatusCode.InvalidArgument, rejected.Code);
        Assert.Equal(bad.Sequence, rejected.Sequence);
        Assert.Contains(reason, rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _collector.Stored.Scalar($"SELECT count(*) FROM chunks WHERE sensor_id = '{sensor}' AND sequence = {bad.Sequence}"));
        // The stream goes on: the good batches around the rejected one are committed.
        Assert.Equal(write ? 0UL : 2UL, ack.BatchesCommitted);
        Assert.Equal(write ? 0 : 2, _collector.Stored.Chunks(sensor));
        await AssertAggregatedOnlyTheGoodBatchesAsync(sensor, write);
    }

    /// <summary>
    /// The aggregator takes committed batches in commit order: once the good batch sent after the rejected one
    /// is counted in the sensor's minute window, a rejected batch that had been aggregated would show in the count.
    /// </summary>
    private async Task AssertAggregatedOnlyTheGoodBatchesAsync(string sensor, bool write)
    {
        if (write)
        {
            await _collector.Ingestion.WriteAsync(ReadingBatches.Second(sensor, 3, second: 2), WireProtocol.Headers());
        }

        var hub = _collector.Services.GetRequiredService<SubscriptionHub>();
        var minute = hub.Windows.ToList().IndexOf(hub.Windows.Max());
        var expected = write ? 100 : 200;
        await Eventually.UntilAsync(() => hub.Find(minute, sensor)?.Count >= expected, $"{sensor}'s good readings are aggregated");
        Assert.Equal(expected, hub.Find(minute, sensor)!.Count);
    }

    /// <summary>Rows that end the call: the collector cannot safely go on with the stream.</summary>
    public static TheoryData<string, StatusCode, string, bool> RefusedCalls()
    {
        var data = new TheoryData<string, StatusCode, string, bool>();
        foreach (var write in new[] { false, true })
        {
            data.Add("sensor-id-empty", StatusCode.InvalidArgument, "sensor_id is empty", write);
            data.Add("sensor-id-too-long", StatusCode.InvalidArgument, "at most 128 are allowed", write);
            data.Add("sensor-id-illegal", StatusCode.InvalidArgument, "has characters outside letters, digits", write);
            data.Add("protocol-version", StatusCode.FailedPrecondition, "protocol version 2 is not spoken", write);
            data.Add("over-size-limit", StatusCode.ResourceExhausted, "exceeds the maximum configured message size", write);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RefusedCalls))]
    public async Task BadCall_EndsWithItsStatusAndAMessageNamingTheProblem_StoresNothing_AndTheOthersAreServed(string row, StatusCode code, string fragment, bool write)
    {
        var sensor = row switch
        {
            "sensor-id-empty" => "",
            "sensor-id-too-long" => new string('s', 129),
            "sensor-id-illegal" => "bad/id",
            _ => $"bad-{row}-{(write ? "w" : "u")}",
        };
        var batch = ReadingBatches.Regular(sensor, 1, count: row == "over-size-limit" ? MaxReadings * 9 : 100);
        var headers = row == "protocol-version" ? new Metadata { { WireProtocol.VersionHeader, "2" } } : WireProtocol.Headers();

        var error = await _collector.RefusedWhileOthersUploadAsync(() => write
            ? _collector.Ingestion.WriteAsync(batch, headers).ResponseAsync
            : _collector.Ingestion.UploadAsync([batch], headers));

        Assert.Equal(code, error.StatusCode);
        Assert.Contains(fragment, error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, _collector.Stored.Scalar("SELECT count(*) FROM chunks WHERE sensor_id NOT LIKE 'beside-%'"));
    }
}
