using Ingest.Collector.DesiredState;
using Ingest.Collector.Security;
using Ingest.Collector.Sensors;
using Ingest.Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Tests.DesiredState;

/// <summary>Sensor ids that never stored anything are forgotten after the horizon, in memory and in storage; those that stored are kept.</summary>
public sealed class SensorForgettingTests : IDisposable
{
    private const int Idle = 50;

    private readonly TempDirectory _directory = new("forgetting");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ForgetAsync_PastTheHorizon_ForgetsIdsThatNeverStored_InMemoryAndInStorage_AndARestartLoadsOnlyTheKept()
    {
        using (var collector = new CollectorFactory(_directory.Path))
        {
            for (var i = 0; i < Idle; i++)
            {
                await collector.Greeter.GreetAsync(IngestionCalls.Greeting($"idle-{i}"));
            }

            await collector.Greeter.GreetAsync(IngestionCalls.Greeting("kept-1"));
            Assert.Equal(1UL, (await collector.Ingestion.UploadAsync([ReadingBatches.Regular("kept-1", 1)])).BatchesCommitted);
            var budget = collector.Services.GetRequiredService<SensorRegistrationBudget>();
            Assert.Equal(Idle + 1, budget.RegisteredBy("demo-sensors"));

            // Nothing is forgotten before the horizon: every id was seen after it.
            var forgetting = collector.Services.GetRequiredService<SensorForgetting>();
            Assert.Equal(0, await forgetting.ForgetAsync(DateTimeOffset.UtcNow - TimeSpan.FromHours(1), CancellationToken.None));

            // The horizon passed for all of them (as ForgetUnusedAfter after they were last seen).
            var forgotten = await forgetting.ForgetAsync(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1), CancellationToken.None);

            Assert.Equal(Idle, forgotten);
            var desired = collector.Services.GetRequiredService<DesiredConfigs>();
            Assert.Null(desired.Find("idle-0"));
            Assert.NotNull(desired.Find("kept-1"));
            Assert.Equal("", collector.Services.GetRequiredService<SensorDirectory>().KindOf("idle-0"));
            Assert.Equal(1, budget.RegisteredBy("demo-sensors"));
            var listed = await collector.Admin.ListSensorsAsync(new Wire.ListSensorsRequest());
            Assert.Equal(["kept-1"], listed.Sensors.Select(s => s.SensorId));
        }

        using (var restarted = new CollectorFactory(_directory.Path))
        {
            var listed = await restarted.Admin.ListSensorsAsync(new Wire.ListSensorsRequest());
            Assert.Equal(["kept-1"], listed.Sensors.Select(s => s.SensorId));
            Assert.Equal(1L, restarted.Stored.Scalar("SELECT count(*) FROM sensors"));

            // A forgotten id that comes back is simply a new sensor again.
            var greeting = await restarted.Greeter.GreetAsync(IngestionCalls.Greeting("idle-0"));
            Assert.Equal(0UL, greeting.CommittedSequence);
        }
    }
}
