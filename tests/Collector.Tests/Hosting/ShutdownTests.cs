using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ingest.Collector.Tests.Hosting;

public sealed class ShutdownTests : IDisposable
{
    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task Stopping_OpenUploadStream_EndsWithUnavailable_AfterCommittingWhatItReceived()
    {
        using var call = _collector.Ingestion.Upload(deadline: DateTime.UtcNow.AddSeconds(30));
        await call.RequestStream.WriteAsync(ReadingBatches.Regular("shutdown", 1));
        await call.RequestStream.WriteAsync(ReadingBatches.Regular("shutdown", 2));
        await Eventually.UntilAsync(() => _collector.Stored.Chunks("shutdown") == 2, "both batches are stored", poll: TimeSpan.FromMilliseconds(20));

        _collector.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("shutting down", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(2, _collector.Stored.Chunks("shutdown"));
    }

    [Fact]
    public async Task Stopping_NewCallsWhileDraining_AreUnavailable()
    {
        var drain = new HeldStop();
        using var collector = new CollectorFactory().WithServices(services => services.AddHostedService(_ => drain));
        _ = collector.Server;

        var stopping = Task.Run(() => collector.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication());
        await drain.Reached.WaitAsync(TimeSpan.FromSeconds(10));

        var greet = await Assert.ThrowsAsync<RpcException>(() => collector.Greeter.GreetAsync(IngestionCalls.Greeting("shutdown-new")).ResponseAsync);
        var upload = await Assert.ThrowsAsync<RpcException>(() => collector.Ingestion.UploadAsync([ReadingBatches.Regular("shutdown-new", 1)]));

        Assert.Equal(StatusCode.Unavailable, greet.StatusCode);
        Assert.Equal(StatusCode.Unavailable, upload.StatusCode);
        Assert.Contains("shutting down", upload.Status.Detail, StringComparison.Ordinal);
        drain.Release();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, collector.Stored.Chunks("shutdown-new"));
    }

    /// <summary>Holds the host's stop open, as in-flight work would, so calls can arrive while the collector stops.</summary>
    private sealed class HeldStop : IHostedService
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;

        public void Release() => _released.TrySetResult();

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            _reached.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }
    }
}
