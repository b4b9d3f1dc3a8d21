using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Ingest.Collector.Query;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Query;

/// <summary>
/// Hole 4 of the hostile-clients issue: a viewer key opens ReadReadings calls and never reads them. Each must either be
/// refused over the query budget (ResourceExhausted with a retry hint) or end once its client has not taken a reply for
/// <c>Collector:Query:WriteTimeout</c>; meanwhile the collector's memory stays bounded and uploads are acknowledged.
/// </summary>
public sealed class IdleQueryBudgetTests(ITestOutputHelper output) : IDisposable
{
    private const string Sensor = "query-flood";
    private const int Batches = 80;
    private const int ReadingsPerBatch = 10_000;
    private const int IdleCallsPerKey = 20;
    private const int PerKey = 4;
    private const int Global = 6;
    private const string OtherViewer = "test-viewer-b-key";

    /// <summary>Generous: the budget admits 6 queries of a 1 MiB page each; unbounded, 40 idle queries hold about 400 MiB.</summary>
    private const long MemoryBoundBytes = 150L * 1024 * 1024;

    private readonly CollectorFactory _collector = new CollectorFactory()
        .With("Collector:Security:Keys:viewer-b:Key", OtherViewer)
        .With("Collector:Security:Keys:viewer-b:Role", "Viewer")
        .With("Collector:Query:MaxOpenQueries", Global.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("Collector:Query:MaxOpenQueriesPerKey", PerKey.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("Collector:Query:WriteTimeout", "00:00:03")
        .With("Collector:Ingestion:RetryAfter", "00:00:00.250");

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task ReadReadings_ManyCallersThatNeverRead_AreRefusedOverTheBudgetOrEndedAfterTheWriteTimeout_MemoryStaysBounded_AndUploadsGoOn()
    {
        await _collector.Ingestion.UploadAsync(Enumerable.Range(1, Batches).Select(i => ReadingBatches.Regular(Sensor, (ulong)i, ReadingsPerBatch)));
        using var viewerA = _collector.ChannelWithKey(TestKeys.Viewer);
        using var viewerB = _collector.ChannelWithKey(OtherViewer);
        var before = LiveBytes();

        using var stopWitness = new CancellationTokenSource();
        var witness = WitnessAsync(stopWitness.Token);
        var calls = new List<AsyncServerStreamingCall<Wire.ReadingsChunk>>();
        foreach (var channel in new[] { viewerA, viewerB })
        {
            calls.AddRange(Enumerable.Range(0, IdleCallsPerKey).Select(_ => Idle(channel)));
        }

        try
        {
            // Every call has its answer started: a refusal, or the first reply its client never takes.
            await Eventually.CompletesAsync(Task.WhenAll(calls.Select(c => c.ResponseHeadersAsync)), timeout: TimeSpan.FromSeconds(60));
            var held = LiveBytes() - before;
            await stopWitness.CancelAsync();
            var acks = await witness;
            output.WriteLine($"{calls.Count} idle queries: live managed memory +{held / (1024 * 1024)} MiB; a witness sensor was acknowledged {acks.Count} times meanwhile, the slowest in {acks.Max().TotalMilliseconds:F0} ms");
            Assert.True(held < MemoryBoundBytes, $"{calls.Count} idle queries hold {held / (1024 * 1024)} MiB, over the bound of {MemoryBoundBytes / (1024 * 1024)} MiB");

            // The clients still read nothing: the collector ends their queries by itself once WriteTimeout has passed.
            var budget = _collector.Services.GetRequiredService<QueryBudget>();
            await Eventually.UntilAsync(() => budget.Open == 0, "every admitted query has been ended", TimeSpan.FromSeconds(60));
            var outcomes = await Task.WhenAll(calls.Select(OutcomeAsync));
            var refused = outcomes.Where(o => o.StatusCode == StatusCode.ResourceExhausted).ToList();
            var ended = outcomes.Where(o => o.StatusCode != StatusCode.ResourceExhausted).ToList();
            output.WriteLine($"{refused.Count} refused, {ended.Count} ended: {string.Join(", ", ended.Select(e => e.StatusCode).Distinct())}");
            Assert.Equal(calls.Count - Global, refused.Count);
            Assert.All(refused, r => Assert.NotNull(r.Trailers.GetValue("retry-after-ms")));
            // The collector ends them with DeadlineExceeded, but a client that reads nothing has no window left for the
            // status: its stream is reset (CANCEL), which the test server's client sees as Unavailable.
            Assert.All(ended, e => Assert.Contains(e.StatusCode, new[] { StatusCode.DeadlineExceeded, StatusCode.Cancelled, StatusCode.Unavailable }));
            await _collector.AssertStillServingAsync();
        }
        finally
        {
            calls.ForEach(c => c.Dispose());
        }
    }

    private static AsyncServerStreamingCall<Wire.ReadingsChunk> Idle(GrpcChannel channel) =>
        new Wire.Query.QueryClient(channel).ReadReadings(new Wire.ReadReadingsRequest { SensorId = Sensor });

    /// <summary>How the call ended, read once the collector ended it: the status its client finds when it reads on.</summary>
    private static async Task<RpcException> OutcomeAsync(AsyncServerStreamingCall<Wire.ReadingsChunk> call)
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await call.ResponseStream.MoveNext(limit.Token))
            {
            }

            return new RpcException(Status.DefaultSuccess);
        }
        catch (RpcException ex)
        {
            return ex;
        }
    }

    /// <summary>A sensor uploads one batch after another while the queries open and stall; how long each took to be acknowledged.</summary>
    private async Task<List<TimeSpan>> WitnessAsync(CancellationToken stop)
    {
        const string witness = "query-witness";
        Assert.True((await _collector.Greeter.GreetAsync(IngestionCalls.Greeting(witness), cancellationToken: CancellationToken.None)).Accepted);
        var latencies = new List<TimeSpan>();
        for (ulong sequence = 1; !stop.IsCancellationRequested || latencies.Count == 0; sequence++)
        {
            var stopwatch = Stopwatch.StartNew();
            var ack = await _collector.Ingestion.WriteAsync(ReadingBatches.Regular(witness, sequence), cancellationToken: CancellationToken.None);
            Assert.Equal(1UL, ack.BatchesCommitted);
            latencies.Add(stopwatch.Elapsed);
        }

        return latencies;
    }

    private static long LiveBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
