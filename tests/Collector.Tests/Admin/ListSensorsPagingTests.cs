using System.Globalization;
using Grpc.Core;
using Ingest.Collector.Admin;
using Ingest.Collector.DesiredState;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Admin;

/// <summary>ListSensors answers pages of a bounded size, and a client following the tokens sees every sensor once.</summary>
public sealed class ListSensorsPagingTests : IDisposable
{
    private const int Sensors = 2 * SensorPage.DefaultSize + 500;

    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task ListSensors_NoPageSize_AnswersTheDefaultPageWithATokenForTheRest_AndFollowingTheTokensListsEverySensorOnceInOrder()
    {
        var expected = await RegisterAsync(Sensors);

        var listed = new List<string>();
        var request = new Wire.ListSensorsRequest();
        var pages = 0;
        do
        {
            var reply = await _collector.Admin.ListSensorsAsync(request);
            pages++;
            Assert.InRange(reply.Sensors.Count, 1, SensorPage.DefaultSize);
            listed.AddRange(reply.Sensors.Select(s => s.SensorId));
            request.PageToken = reply.NextPageToken;
        }
        while (request.PageToken.Length > 0 && pages <= Sensors);

        Assert.Equal(3, pages);
        Assert.Equal(expected, listed);
    }

    [Fact]
    public async Task ListSensors_PageSizeAndFilter_AreHonouredAcrossPages()
    {
        await RegisterAsync(50);

        var first = await _collector.Admin.ListSensorsAsync(new Wire.ListSensorsRequest { SensorIds = { "page-0001*" }, PageSize = 6 });
        var second = await _collector.Admin.ListSensorsAsync(new Wire.ListSensorsRequest { SensorIds = { "page-0001*" }, PageSize = 6, PageToken = first.NextPageToken });

        Assert.Equal(["page-00010", "page-00011", "page-00012", "page-00013", "page-00014", "page-00015"], first.Sensors.Select(s => s.SensorId));
        Assert.Equal(["page-00016", "page-00017", "page-00018", "page-00019"], second.Sensors.Select(s => s.SensorId));
        Assert.Equal("", second.NextPageToken);
    }

    [Fact]
    public async Task ListSensors_PageSizeOverTheLargestPage_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _collector.Admin.ListSensorsAsync(new Wire.ListSensorsRequest { PageSize = SensorPage.MaxSize + 1 }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("next_page_token", error.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>Makes <paramref name="count"/> sensors known, as greetings would; returns their ids in order.</summary>
    private async Task<List<string>> RegisterAsync(int count)
    {
        await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("page-00000"));
        var desired = _collector.Services.GetRequiredService<DesiredConfigs>();
        var ids = Enumerable.Range(0, count).Select(i => "page-" + i.ToString("D5", CultureInfo.InvariantCulture)).ToList();
        await Task.WhenAll(ids.Select(id => desired.ObserveAsync(id, "temperature", CancellationToken.None)));
        return ids;
    }
}
