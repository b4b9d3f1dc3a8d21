using Ingest.Collector.Health;
using Ingest.Collector.Storage;
using Ingest.Collector.Tests.TestDoubles;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Health;

public sealed class StorageRecoveryServiceTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly ScriptedChunkStore _store = new();
    private readonly StorageHealth _health;
    private readonly StorageRecoveryService _recovery;

    public StorageRecoveryServiceTests()
    {
        _health = new StorageHealth(_time);
        _health.Opened();
        _recovery = new StorageRecoveryService(_store, _health, _time, Options.Create(new StorageOptions()), NullLogger<StorageRecoveryService>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _recovery.StopAsync(CancellationToken.None);
        _recovery.Dispose();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task TryRecoverAsync_ProbeFails_KeepsTheOutageAndCountsTheProbe()
    {
        _store.Failure = new IOException("still full");
        _health.CommitFailed(new IOException("disk full"), damaged: false);

        Assert.False(await _recovery.TryRecoverAsync(CancellationToken.None));

        Assert.False(_health.IsHealthy);
        Assert.Equal(1, _health.FailedProbes);
    }

    [Fact]
    public async Task ExecuteAsync_StorageBackBeforeTheNextInterval_EndsTheOutageWithNoCommit()
    {
        _store.Failure = new IOException("disk full");
        _health.CommitFailed(new IOException("disk full"), damaged: false);
        await _recovery.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => _health.FailedProbes >= 1, "a probe has failed", step: () => _time.Advance(TimeSpan.FromSeconds(1)));

        _store.Failure = null;

        await Eventually.UntilAsync(() => _health.IsHealthy, "the outage ends", step: () => _time.Advance(TimeSpan.FromSeconds(1)));
        Assert.Empty(_store.Commits);
    }
}
