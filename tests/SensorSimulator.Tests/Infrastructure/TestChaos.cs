using System.Diagnostics.Metrics;
using Ingest.SensorSimulator.Chaos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingest.SensorSimulator.Tests.Infrastructure;

/// <summary><see cref="SimulatorChaos"/> for tests: off unless options are given, with a meter factory of its own.</summary>
internal static class TestChaos
{
    private static readonly IMeterFactory MeterFactory =
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static SimulatorChaos Off { get; } = Create(new SimulatorChaosOptions(), TimeProvider.System);

    public static SimulatorChaos Create(SimulatorChaosOptions options, TimeProvider time) =>
        new(Options.Create(options), time, MeterFactory);
}
