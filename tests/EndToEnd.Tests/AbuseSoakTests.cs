using System.Globalization;
using Grpc.Core;
using Ingest.EndToEnd.Tests.Infrastructure;
using Ingest.EndToEnd.Tests.Infrastructure.Abuse;
using Xunit.Abstractions;
using Wire = Ingest.Protocol.V1;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// The abuse soak: every attack of a hostile client at once — big bodies without a key, idle upload streams and
/// invented ids from one sensor key, rejected batches, impersonation, queries and subscriptions a viewer key never
/// reads — for about a minute beside a simulator, with the collector's shipped budgets (but for the ids a key may register,
/// 500 here instead of 50,000, so that a minute's attack on this machine meets the cap). The fleet keeps storing, a real
/// dashboard still subscribes, the collector's memory and log stay bounded, every attack is refused or ended as the
/// errors table says, and the simulator's ledger holds exactly once. <c>INGEST_ABUSE_SECONDS</c> runs it longer.
/// </summary>
[Trait("Category", "Soak")]
public sealed class AbuseSoakTests(ITestOutputHelper output)
{
    private const int Sensors = 30;

    /// <summary>Readings every sensor stores while the attacks run: several of its batches.</summary>
    private const long ReadingsDuringAttack = 200;

    /// <summary>How much the collector's resident memory may grow under the attacks (in-flight no-key bodies alone held 1.5 GiB before refusal came first).</summary>
    private const long MemoryGrowthBound = 400L * 1024 * 1024;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AllAttacksAtOnceBesideASimulator_FleetKeepsStoring_AttackersRefused_MemoryAndLogBounded_LedgerExact()
    {
        var duration = TimeSpan.FromSeconds(ReadSeconds("INGEST_ABUSE_SECONDS", 60));
        using var directory = new TempDirectory("abuse-soak");
        directory.Keep = true;
        // The attacker's sensors store too (its key may send as evil-*): the fleet's checks and ledger count the simulator's.
        var pipeline = new Pipeline(directory) { SensorPrefix = "sim-" };
        await using var collector = await pipeline.StartCollectorAsync("collector", [.. HostileClient.CollectorSettings(), "--Collector:Registration:MaxSensorsPerKey=500"]);
        await using var simulator = pipeline.StartSimulatorUntilStopped(Sensors);
        await pipeline.EverySensorStoresMoreAsync(Sensors, 1, "every sensor has stored readings", Deadline);
        var victim = pipeline.Stored.ReadingsBySensor().Keys.Order(StringComparer.Ordinal).First();
        using var attacker = new HostileClient(pipeline.CollectorUrl);
        const string LargeSensor = "evil-large";
        await attacker.StoreLargeSensorAsync(LargeSensor, batches: 30, CancellationToken.None);
        var residentBefore = collector.ResidentBytes();
        var linesBefore = collector.Lines.Count;

        using var attack = new CancellationTokenSource();
        var noKey = new AttackTally("no key, 3 MB bodies");
        var idle = new AttackTally("idle upload streams");
        var invented = new AttackTally("invented ids");
        var rejected = new AttackTally("rejected batches");
        var impersonation = new AttackTally("impersonation");
        var queries = new AttackTally("unread queries");
        var subscriptions = new AttackTally("unread subscriptions");
        var peak = residentBefore;
        var sampling = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            while (await timer.WaitForNextTickAsync(attack.Token).AsTask().ContinueWith(tick => !tick.IsCanceled && tick.Result, TaskScheduler.Default))
            {
                peak = Math.Max(peak, collector.ResidentBytes());
            }
        });

        var started = TimeProvider.System.GetTimestamp();
        var storedBefore = pipeline.Stored.ReadingsBySensor();
        var attacks = new[]
        {
            attacker.NoKeyBodiesAsync(noKey, concurrency: 128, attack.Token),
            attacker.IdleUploadsAsync(idle, streams: 3_000, attack.Token),
            attacker.InventIdsAsync(invented, concurrency: 4, attack.Token),
            attacker.RejectedBatchesAsync(rejected, concurrency: 2, attack.Token),
            attacker.ImpersonationAsync(impersonation, victim, concurrency: 2, attack.Token),
        };
        var unreadQueries = attacker.OpenUnreadQueries(LargeSensor, 200, attack.Token);
        var unreadSubscriptions = attacker.OpenUnreadSubscriptions(100, attack.Token);
        try
        {
            // The fleet keeps storing, and a real dashboard is not locked out by the idle subscribers.
            await pipeline.EverySensorStoresMoreAsync(Sensors, ReadingsDuringAttack, "every sensor stores more readings under attack", Deadline);
            await AssertDashboardSubscribesAsync(pipeline, attack.Token);
            var left = duration - TimeProvider.System.GetElapsedTime(started);
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left, TimeProvider.System, attack.Token);
            }

            Assert.False(collector.HasExited, "the collector exited under attack:\n" + collector.Output);
            Assert.True(pipeline.Stored.EverySensorStoredMore(storedBefore, Sensors, ReadingsDuringAttack), "a sensor stopped storing under attack");
            await HostileClient.ObserveAsync(unreadQueries, queries, TimeSpan.FromSeconds(5));
            await HostileClient.ObserveAsync(unreadSubscriptions, subscriptions, TimeSpan.FromSeconds(5));
        }
        finally
        {
            await attack.CancelAsync();
            await Task.WhenAll(attacks).WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
            await sampling;
            foreach (var call in unreadQueries)
            {
                call.Dispose();
            }

            foreach (var call in unreadSubscriptions)
            {
                call.Dispose();
            }

            // Also when an assertion above failed: what each attack got, and what it cost the collector.
            foreach (var tally in new[] { noKey, idle, invented, rejected, impersonation, queries, subscriptions })
            {
                output.WriteLine(tally.ToString());
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"collector resident memory {residentBefore / 1_048_576} MiB before, peak {peak / 1_048_576} MiB; {collector.Lines.Count - linesBefore} log lines in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F0} s of attack"));
        }

        var attackLines = collector.Lines.Skip(linesBefore).ToList();
        var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        Assert.Equal(0, await simulator.StopAsync(TimeSpan.FromSeconds(60)));

        // Refused as the errors table says, before any body is parsed: never parsed (InvalidArgument), never served. A
        // few of the keyless calls may end with their own connection instead (Kestrel resets a connection on which the
        // client keeps sending refused bodies: ResourceExhausted/Unavailable without a hint); the witness is elsewhere.
        Assert.True(noKey.Calls > 0 && noKey.Count(StatusCode.OK) == 0 && noKey.Count(StatusCode.InvalidArgument) == 0
            && noKey.Count(StatusCode.Unauthenticated) >= noKey.Calls * 9 / 10, "calls without a key: " + noKey);
        Assert.True(impersonation.Calls > 0 && impersonation.Count(StatusCode.PermissionDenied) == impersonation.Calls, "impersonation: " + impersonation);
        // The NaN batches' sensor ids are new ids of the same key the id-inventing attacker spends: when it reaches the
        // key's cap first, the NaN streams are refused at registration (ResourceExhausted with a hint) before any batch is
        // judged. Either way they are refused.
        Assert.True(rejected.Count(StatusCode.InvalidArgument) > 0 || (rejected.Count(StatusCode.ResourceExhausted) > 0 && rejected.Hinted > 0), "rejected batches: " + rejected);

        // Budgets: the attacker's new ids are refused with a retry hint past its cap; its idle upload streams do not
        // stay open (ended for idling, or refused past its share); its unread queries are refused or ended; its idle
        // subscribers past its share are refused.
        Assert.True(invented.Count(StatusCode.ResourceExhausted) > 0 && invented.Hinted > 0, "invented ids: " + invented);
        Assert.True(idle.Count(StatusCode.DeadlineExceeded) + idle.Count(StatusCode.ResourceExhausted) == idle.Calls, "idle upload streams: " + idle);
        Assert.True(queries.Count(StatusCode.ResourceExhausted) > 0 && queries.Hinted > 0, "unread queries: " + queries);
        Assert.True(subscriptions.Count(StatusCode.ResourceExhausted) > 0 && subscriptions.Hinted > 0, "unread subscriptions: " + subscriptions);

        Assert.True(peak - residentBefore < MemoryGrowthBound,
            $"the collector's memory grew from {residentBefore / 1_048_576} MiB to {peak / 1_048_576} MiB under attack");
        // Each refusal and rejection reason logs at most a line per interval with its count: a handful a second in all.
        Assert.True(attackLines.Count < 5 * seconds,
            $"{attackLines.Count} log lines in {seconds:F0} s of attack; the busiest:\n" + string.Join('\n', attackLines.Take(20)));

        LedgerAssert.ExactlyOnce(simulator, pipeline, Sensors);
        directory.Keep = false;
    }

    private static async Task AssertDashboardSubscribesAsync(Pipeline pipeline, CancellationToken cancellationToken)
    {
        using var channel = CollectorChannel.Open(pipeline);
        var client = new Wire.Aggregates.AggregatesClient(channel);
        using var call = client.Subscribe(new Wire.SubscribeRequest(), CollectorChannel.ViewerHeaders(), cancellationToken: cancellationToken);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(30));
        Assert.True(await call.ResponseStream.MoveNext(wait.Token), "the dashboard's subscription ended without an update");
    }

    private static int ReadSeconds(string variable, int fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
