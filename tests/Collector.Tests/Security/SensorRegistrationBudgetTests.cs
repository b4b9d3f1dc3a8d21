using System.Globalization;
using Grpc.Core;
using Ingest.Collector.DesiredState;
using Ingest.Collector.Security;
using Ingest.Collector.Settings;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.Security;

/// <summary>A sensor key inventing ids is paced and capped; another key's sensor goes on being served meanwhile.</summary>
public sealed class SensorRegistrationBudgetTests : IDisposable
{
    private const string AttackerKey = "attacker-sensor-key";
    private const int PerSecond = 10;
    private const int Burst = 40;
    private const int Cap = 100;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly CollectorFactory _collector;
    private readonly Grpc.Net.Client.GrpcChannel _attacker;

    public SensorRegistrationBudgetTests()
    {
        _collector = new CollectorFactory()
            .With("Collector:Security:Keys:attacker:Key", AttackerKey)
            .With("Collector:Security:Keys:attacker:Role", "Sensor")
            .With("Collector:Security:Keys:attacker:Sensors:0", "bad-*")
            .With("Collector:Registration:NewSensorsPerSecondPerKey", PerSecond.ToString(CultureInfo.InvariantCulture))
            .With("Collector:Registration:NewSensorBurstPerKey", Burst.ToString(CultureInfo.InvariantCulture))
            .With("Collector:Registration:MaxSensorsPerKey", Cap.ToString(CultureInfo.InvariantCulture))
            .WithServices(services => services.AddSingleton(provider => new SensorRegistrationBudget(
                provider.GetRequiredService<LastGoodOptions<SensorRegistrationOptions>>(),
                provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
                provider.GetRequiredService<Ingest.Collector.Diagnostics.RefusalLog>(),
                _time,
                provider.GetRequiredService<ILogger<SensorRegistrationBudget>>())));
        _attacker = _collector.ChannelWithKey(AttackerKey);
    }

    public void Dispose()
    {
        _attacker.Dispose();
        _collector.Dispose();
    }

    [Fact]
    public async Task Greet_NewIdsBeyondTheKeysBurst_AreResourceExhaustedWithARetryHint_WhileAnotherKeysSensorIsStillAcked()
    {
        var greeter = new Wire.Greeter.GreeterClient(_attacker);
        var accepted = 0;
        RpcException? refusal = null;
        ulong witnessSequence = 0;
        for (var i = 0; i < 4 * Burst; i++)
        {
            try
            {
                await greeter.GreetAsync(IngestionCalls.Greeting($"bad-{i}"));
                accepted++;
            }
            catch (RpcException ex)
            {
                refusal = ex;
            }

            if (i % 10 == 0)
            {
                witnessSequence++;
                await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("witness-1"));
                var ack = await _collector.Ingestion.UploadAsync([ReadingBatches.Regular("witness-1", witnessSequence)]);
                Assert.Equal((1UL, witnessSequence), (ack.BatchesCommitted, ack.CommittedSequence));
            }
        }

        Assert.Equal(Burst, accepted);
        Assert.NotNull(refusal);
        Assert.Equal(StatusCode.ResourceExhausted, refusal.StatusCode);
        Assert.Contains("Collector:Registration:NewSensorsPerSecondPerKey", refusal.Status.Detail, StringComparison.Ordinal);
        Assert.Equal((1000 / PerSecond).ToString(CultureInfo.InvariantCulture), refusal.Trailers.GetValue("retry-after-ms"));

        // An id already known passes whatever the budget says: the fleet's own sensors greet again freely.
        await greeter.GreetAsync(IngestionCalls.Greeting("bad-0"));

        // The bucket refills with time.
        _time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < PerSecond; i++)
        {
            await greeter.GreetAsync(IngestionCalls.Greeting($"bad-refilled-{i}"));
        }

        await Assert.ThrowsAsync<RpcException>(() => greeter.GreetAsync(IngestionCalls.Greeting("bad-refilled-over")).ResponseAsync);
    }

    [Fact]
    public async Task WriteWithoutGreeting_NewIdsBeyondTheKeysBurst_AreResourceExhaustedWithARetryHint_NotStored()
    {
        // A client that never greets (session 0) registers its ids with their first batch: the same budget holds.
        var ingestion = new Wire.Ingestion.IngestionClient(_attacker);
        var stored = 0;
        RpcException? refusal = null;
        for (var i = 0; i < 2 * Burst; i++)
        {
            try
            {
                var ack = await ingestion.WriteAsync(ReadingBatches.Regular($"bad-write-{i}", 1));
                stored += (int)ack.BatchesCommitted;
            }
            catch (RpcException ex)
            {
                refusal = ex;
            }
        }

        Assert.Equal(Burst, stored);
        Assert.NotNull(refusal);
        Assert.Equal(StatusCode.ResourceExhausted, refusal.StatusCode);
        Assert.NotNull(refusal.Trailers.GetValue("retry-after-ms"));
        Assert.Equal(Burst, _collector.Services.GetRequiredService<SensorRegistrationBudget>().RegisteredBy("attacker"));
    }

    [Fact]
    public async Task GreetAndControl_NewIdsPastTheKeysCap_AreRefused_AndTheCollectorHoldsNoMoreThanTheCap()
    {
        var greeter = new Wire.Greeter.GreeterClient(_attacker);
        var refusals = new List<RpcException>();
        for (var i = 0; i < 2 * Cap; i++)
        {
            // Time enough for the bucket, so that only the cap stands in the way.
            _time.Advance(TimeSpan.FromSeconds(1));
            try
            {
                await greeter.GreetAsync(IngestionCalls.Greeting($"bad-{i}"));
            }
            catch (RpcException ex)
            {
                refusals.Add(ex);
            }
        }

        Assert.Equal(Cap, refusals.Count);
        Assert.All(refusals, r => Assert.Equal(StatusCode.ResourceExhausted, r.StatusCode));
        Assert.Contains("Collector:Registration:MaxSensorsPerKey", refusals[0].Status.Detail, StringComparison.Ordinal);
        Assert.Equal("60000", refusals[0].Trailers.GetValue("retry-after-ms"));

        // The control stream's hello is a way in too, and is refused the same way.
        using var control = new Wire.Control.ControlClient(_attacker).Connect();
        await control.RequestStream.WriteAsync(new Wire.SensorMessage { Hello = new Wire.ControlHello { SensorId = "bad-control", Kind = "temperature", ProtocolVersion = 1 } });
        var error = await Assert.ThrowsAsync<RpcException>(() => control.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);

        var desired = _collector.Services.GetRequiredService<DesiredConfigs>();
        Assert.Equal(Cap, desired.Sensors.Count(s => s.SensorId.StartsWith("bad-", StringComparison.Ordinal)));

        // Another key's sensors are not charged to this one.
        await _collector.Greeter.GreetAsync(IngestionCalls.Greeting("witness-1"));
        var ack = await _collector.Ingestion.UploadAsync([ReadingBatches.Regular("witness-1", 1)]);
        Assert.Equal(1UL, ack.BatchesCommitted);
    }
}
