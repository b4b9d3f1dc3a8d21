using Ingest.ServiceDefaults.Logging;
using Microsoft.Extensions.Time.Testing;
using Serilog.Events;
using Serilog.Parsing;

namespace Ingest.Collector.Tests.Diagnostics;

public sealed class PacedFrameworkLogsTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Fact]
    public void KestrelLinesOfOneKind_AFloodOfThem_OneLinePerIntervalCarriesTheCountHeldBack()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var filter = new PacedFrameworkLogs(time, Interval);

        var passed = Enumerable.Range(0, 10_000).Count(_ => filter.IsEnabled(Event("Microsoft.AspNetCore.Server.Kestrel.Http2", LogEventLevel.Fatal, "Connection id {ConnectionId} aborted: too many ENHANCE_YOUR_CALM")));
        Assert.Equal(1, passed);

        time.Advance(Interval);
        var next = Event("Microsoft.AspNetCore.Server.Kestrel.Http2", LogEventLevel.Fatal, "Connection id {ConnectionId} aborted: too many ENHANCE_YOUR_CALM");
        Assert.True(filter.IsEnabled(next));
        Assert.Contains("9999 more like it", next.Properties[PacedFrameworkLogs.PropertyName].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FrameworkLinesOfOtherKinds_ArePacedApart_AndIngestsOwnLinesPassUntouched()
    {
        var filter = new PacedFrameworkLogs(new FakeTimeProvider(DateTimeOffset.UnixEpoch), Interval);

        Assert.True(filter.IsEnabled(Event("Grpc.AspNetCore.Server.ServerCallHandler", LogEventLevel.Error, "Error when executing service method '{ServiceMethod}'.")));
        Assert.False(filter.IsEnabled(Event("Grpc.AspNetCore.Server.ServerCallHandler", LogEventLevel.Error, "Error when executing service method '{ServiceMethod}'.")));
        Assert.True(filter.IsEnabled(Event("Microsoft.AspNetCore.Server.Kestrel", LogEventLevel.Warning, "Connection processing ended abnormally.")));
        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(filter.IsEnabled(Event("Ingest.Collector.Ingestion.IngestionService", LogEventLevel.Warning, "Batches rejected: {Count}"))));
    }

    [Fact]
    public void OnlyTheFirstLineOfAKind_CarriesNoCount()
    {
        var filter = new PacedFrameworkLogs(new FakeTimeProvider(DateTimeOffset.UnixEpoch), Interval);
        var first = Event("Microsoft.AspNetCore.Server.Kestrel", LogEventLevel.Warning, "Connection processing ended abnormally.");

        Assert.True(filter.IsEnabled(first));
        Assert.False(first.Properties.ContainsKey(PacedFrameworkLogs.PropertyName));
    }

    private static LogEvent Event(string source, LogEventLevel level, string template) =>
        new(DateTimeOffset.UnixEpoch, level, null, new MessageTemplateParser().Parse(template),
            [new LogEventProperty("SourceContext", new ScalarValue(source))]);
}
