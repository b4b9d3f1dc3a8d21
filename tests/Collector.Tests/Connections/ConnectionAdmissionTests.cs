using System.Diagnostics.Metrics;
using System.Net;
using Ingest.Collector.Connections;
using Ingest.Collector.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Collector.Tests.Connections;

public sealed class ConnectionAdmissionTests : IDisposable
{
    private static readonly IPAddress First = IPAddress.Parse("10.0.0.1");
    private static readonly IPAddress Second = IPAddress.Parse("10.0.0.2");

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-07T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Admit_PastTheBudget_RefusesWithTheRetryHintUntilAConnectionCloses()
    {
        using var admission = Admission(new ConnectionOptions { MaxConnections = 2, MaxAcceptsPerSecond = 0, RetryAfter = TimeSpan.FromSeconds(7) });
        Assert.Null(admission.Admit("a", First));
        Assert.Null(admission.Admit("b", Second));

        var refusal = admission.Admit("c", First);

        Assert.NotNull(refusal);
        Assert.Equal(ConnectionRefusal.Budget, refusal.Reason);
        Assert.Equal(TimeSpan.FromSeconds(7), refusal.RetryAfter);
        Assert.Contains("Collector:Connections:MaxConnections", refusal.Message, StringComparison.Ordinal);
        Assert.Same(refusal, admission.RefusalOf("c"));
        Assert.Null(admission.RefusalOf("a"));

        admission.Release("c", First);
        Assert.Equal(2, admission.Open);
        admission.Release("a", First);
        Assert.Null(admission.Admit("d", First));
        Assert.Equal(2, admission.Open);
    }

    [Fact]
    public void Admit_PastThePerAddressBudget_RefusesThatAddressOnly()
    {
        using var admission = Admission(new ConnectionOptions { MaxConnectionsPerAddress = 1, MaxAcceptsPerSecond = 0 });
        Assert.Null(admission.Admit("a", First));

        Assert.Equal(ConnectionRefusal.PerAddress, admission.Admit("b", First)?.Reason);
        Assert.Null(admission.Admit("c", Second));

        admission.Release("a", First);
        Assert.Null(admission.Admit("d", First));
    }

    [Fact]
    public void Admit_FasterThanTheAcceptRate_RefusesTheRestWithTheRateHint()
    {
        using var admission = Admission(new ConnectionOptions { MaxAcceptsPerSecond = 10, RateRetryAfter = TimeSpan.FromSeconds(2) });

        var refusals = Enumerable.Range(0, 25).Select(i => admission.Admit($"c{i}", First)).ToList();

        Assert.Equal(10, refusals.Count(r => r is null));
        Assert.All(refusals.OfType<ConnectionRefusal>(), r => Assert.Equal((ConnectionRefusal.AcceptRate, TimeSpan.FromSeconds(2)), (r.Reason, r.RetryAfter)));
        Assert.Equal(10, admission.Open);
    }

    [Fact]
    public void Admit_OverTheMemoryBudget_RefusesUntilMemoryFallsAgain()
    {
        var options = new ConnectionOptions { MaxAcceptsPerSecond = 0, MaxMemoryBytes = 1000 };
        long resident = 2000;
        var pressure = new ConnectionPressure(options, _time, () => resident, () => TimeSpan.Zero, () => TimeSpan.Zero);
        using var admission = new ConnectionAdmission(options, pressure, _services.GetRequiredService<IMeterFactory>(), _time, NullLogger<ConnectionAdmission>.Instance);

        Assert.Equal(ConnectionRefusal.Memory, admission.Admit("a", First)?.Reason);
        resident = 500;
        Assert.Equal(ConnectionRefusal.Memory, admission.Admit("b", First)?.Reason);
        _time.Advance(ConnectionPressure.SampleInterval);
        Assert.Null(admission.Admit("c", First));
        Assert.Equal(1, admission.Open);
    }

    [Fact]
    public void Admit_WhenMostOfTheLastSecondWasGcPause_Refuses()
    {
        var options = new ConnectionOptions { MaxAcceptsPerSecond = 0, MaxGcPauseShare = 0.5 };
        var paused = TimeSpan.Zero;
        var pressure = new ConnectionPressure(options, _time, () => 0, () => paused, () => TimeSpan.Zero);
        using var admission = new ConnectionAdmission(options, pressure, _services.GetRequiredService<IMeterFactory>(), _time, NullLogger<ConnectionAdmission>.Instance);
        Assert.Null(admission.Admit("a", First));

        _time.Advance(TimeSpan.FromSeconds(1));
        paused = TimeSpan.FromMilliseconds(700);

        Assert.Equal(ConnectionRefusal.GcPause, admission.Admit("b", First)?.Reason);
    }

    [Fact]
    public void Admit_WhileQueuedWorkRunsLaterThanTheLimit_RefusesUntilTheDelayFalls()
    {
        var options = new ConnectionOptions { MaxAcceptsPerSecond = 0, MaxSchedulingDelay = TimeSpan.FromMilliseconds(250), RetryAfter = TimeSpan.FromSeconds(9) };
        var delay = TimeSpan.FromMilliseconds(240);
        var pressure = new ConnectionPressure(options, _time, () => 0, () => TimeSpan.Zero, () => delay);
        using var admission = new ConnectionAdmission(options, pressure, _services.GetRequiredService<IMeterFactory>(), _time, NullLogger<ConnectionAdmission>.Instance);
        Assert.Null(admission.Admit("a", First));

        _time.Advance(ConnectionPressure.SampleInterval);
        delay = TimeSpan.FromMilliseconds(900);
        var refusal = admission.Admit("b", First);

        Assert.Equal(ConnectionRefusal.SchedulingDelay, refusal?.Reason);
        Assert.Equal(TimeSpan.FromSeconds(9), refusal?.RetryAfter);
        Assert.Contains("900 ms", refusal?.Message, StringComparison.Ordinal);
        Assert.Contains("Collector:Connections:MaxSchedulingDelay", refusal?.Message, StringComparison.Ordinal);

        _time.Advance(ConnectionPressure.SampleInterval);
        delay = TimeSpan.FromMilliseconds(20);
        Assert.Null(admission.Admit("c", First));
        Assert.Equal(2, admission.Open);
    }

    [Fact]
    public void Admit_WithTheSchedulingDelayOff_AdmitsHoweverLateWorkRuns()
    {
        var options = new ConnectionOptions { MaxAcceptsPerSecond = 0, MaxSchedulingDelay = TimeSpan.Zero };
        var pressure = new ConnectionPressure(options, _time, () => 0, () => TimeSpan.Zero, () => TimeSpan.FromSeconds(30));
        using var admission = new ConnectionAdmission(options, pressure, _services.GetRequiredService<IMeterFactory>(), _time, NullLogger<ConnectionAdmission>.Instance);

        Assert.Null(admission.Admit("a", First));
    }

    private ConnectionAdmission Admission(ConnectionOptions options) =>
        new(options, new ConnectionPressure(options, _time, () => 0, () => TimeSpan.Zero, () => TimeSpan.Zero), _services.GetRequiredService<IMeterFactory>(), _time, NullLogger<ConnectionAdmission>.Instance);
}
