using System.Diagnostics.Metrics;
using Ingest.Collector.Chaos;
using Ingest.Collector.Control;
using Ingest.Collector.Health;
using Ingest.Collector.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Reporting;

public sealed class CollectorConditionReaderTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly StorageHealth _health = new(new FakeTimeProvider());
    private readonly ChaosMetrics _chaos;

    public CollectorConditionReaderTests() => _chaos = new ChaosMetrics(_services.GetRequiredService<IMeterFactory>());

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Read_StorageNotOpen_IsNotServingWithTheReason()
    {
        var condition = Reader(chaos: false).Read();

        Assert.Equal((false, "storage is not open yet"), (condition.StorageServing, condition.StorageReason));
        Assert.False(condition.ChaosEnabled);
    }

    [Fact]
    public void Read_FailingCommits_IsNotServingWithTheFailure_AndServingAgainOnceACommitSucceeds()
    {
        _health.Opened();
        Assert.Equal((true, ""), (Reader().Read().StorageServing, Reader().Read().StorageReason));

        _health.CommitFailed(new IOException("disk full"), damaged: false);
        var failing = Reader().Read();
        Assert.Equal((false, "storage writes fail: disk full"), (failing.StorageServing, failing.StorageReason));

        _health.CommitSucceeded();
        Assert.True(Reader().Read().StorageServing);
    }

    [Fact]
    public void Read_ChaosInjections_AreCountedByKindInKindOrder()
    {
        _chaos.Injected(ChaosKind.StreamAborted);
        _chaos.Injected(ChaosKind.CommitFault);
        _chaos.Injected(ChaosKind.CommitFault);

        var condition = Reader().Read();

        Assert.True(condition.ChaosEnabled);
        Assert.Equal([new(ChaosKind.CommitFault, 2L), new(ChaosKind.StreamAborted, 1L)], condition.ChaosInjections);
    }

    private CollectorConditionReader Reader(bool chaos = true) =>
        new(_health, _chaos, Microsoft.Extensions.Options.Options.Create(new ChaosOptions { Enabled = chaos }), Sessions());

    private static ControlSessions Sessions() => new();
}
