using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Ingest.Collector.Tests.Robustness;
using Xunit.Abstractions;

namespace Ingest.Collector.Tests.Security;

/// <summary>
/// Keys are checked at a call's headers: a call without a known key, or with the wrong role, is answered before a byte of
/// its body is read, so that a keyless client cannot make the collector read, buffer or parse anything.
/// </summary>
public sealed class KeyGateTests(ITestOutputHelper output) : IDisposable
{
    private const int Body = 4_000_000;
    private readonly LogCapture _logs = new();
    private LoopbackCollector? _loopback;

    private LoopbackCollector Loopback => _loopback ??= LoopbackCollector.Start(new CollectorFactory().WithLogs(_logs));

    public void Dispose() => _loopback?.Dispose();

    [Theory]
    [InlineData("/ingest.v1.Greeter/Greet", null, StatusCode.Unauthenticated, "no key: send 'authorization: Bearer <key>'")]
    [InlineData("/ingest.v1.Ingestion/Write", "not-a-configured-key", StatusCode.Unauthenticated, "unknown key")]
    [InlineData("/ingest.v1.Admin/SetConfigOverride", TestKeys.Viewer, StatusCode.PermissionDenied, "the viewer key 'demo-viewer' may not call Admin.SetConfigOverride; it needs an admin key")]
    public async Task UnaryCall_RefusedByItsKey_IsAnsweredBeforeItsBodyIsSent(string path, string? key, StatusCode expected, string message)
    {
        using var client = Loopback.Client();
        var body = new HeldBodyContent(GrpcRequest.Frame([], claimedLength: Body)[..5], new byte[Body]);
        using var request = GrpcRequest.Create(path, body);
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("authorization", $"Bearer {key}");
        }

        // The body past its first five bytes is sent only after the answer: an answer at all proves the body was never read.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Eventually.DefaultTimeout);

        Assert.Equal(((int)expected).ToString(CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("grpc-status")));
        Assert.StartsWith(message, Uri.UnescapeDataString(Assert.Single(response.Headers.GetValues("grpc-message"))), StringComparison.Ordinal);
        body.Release();
    }

    [Fact]
    public async Task ManyUnaryCallsWithoutKey_With4MBBodies_AreUnauthenticated_WhileAWitnessUploads_AndTheCollectorStaysSmall()
    {
        const int calls = 200;
        var garbage = GrpcRequest.Frame(Enumerable.Repeat((byte)0xFF, Body).ToArray());
        using var channel = Loopback.Channel();
        var witness = "witness-" + Guid.NewGuid().ToString("N")[..8];
        using var upload = new Protocol.V1.Ingestion.IngestionClient(channel).Upload(deadline: DateTime.UtcNow.AddMinutes(2));
        await upload.RequestStream.WriteAsync(ReadingBatches.Regular(witness, 1));
        var before = WorkingSet();
        long peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, WorkingSet());
                await Task.Delay(20, CancellationToken.None);
            }
        });

        using var client = Loopback.Client();
        var statuses = await Task.WhenAll(Enumerable.Range(0, calls).Select(async _ =>
        {
            using var request = GrpcRequest.Create("/ingest.v1.Greeter/Greet", new ByteArrayContent(garbage));
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            return response.Headers.TryGetValues("grpc-status", out var values) ? values.First()
                : response.TrailingHeaders.TryGetValues("grpc-status", out var trailing) ? trailing.First() : "none";
        })).WaitAsync(TimeSpan.FromMinutes(2));

        foreach (var batch in ReadingBatches.Sequences(witness, 2, 3))
        {
            await upload.RequestStream.WriteAsync(batch);
        }

        await upload.RequestStream.CompleteAsync();
        var ack = await upload;
        await sampling.CancelAsync();
        await sampler;
        var grewMiB = (peak - before) / (1024 * 1024);
        output.WriteLine($"{calls} keyless 4 MB unary calls: statuses {string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Key} x{g.Count()}"))}; working set grew at most {grewMiB} MiB");

        Assert.All(statuses, status => Assert.Equal("16", status));
        Assert.Equal(3UL, ack.BatchesCommitted);
        Assert.True(grewMiB < 400, $"the collector's process grew by {grewMiB} MiB while refusing keyless calls");
        _logs.AssertNoErrors();
    }

    private static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
