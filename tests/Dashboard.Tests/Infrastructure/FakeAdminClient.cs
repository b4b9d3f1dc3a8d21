using Ingest.Dashboard.Admin;
using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.Tests.Infrastructure;

/// <summary>
/// The Admin service without a network: answers with the results set here, or fails every call with
/// <see cref="FailWith"/>; records what it was asked.
/// </summary>
internal sealed class FakeAdminClient : ISensorConfigAdmin, ISensorCommandAdmin
{
    private int _listCalls;

    public Exception? FailWith { get; set; }

    public OverrideResult OverrideResult { get; set; } = new(0, 0);

    /// <summary>The sensors listed by the n-th ListSensors call (from 0).</summary>
    public Func<int, IReadOnlyList<SensorConfiguration>> Listing { get; set; } = _ => [];

    public SensorConfiguration? Sensor { get; set; }

    public IReadOnlyList<ConfigOverride> Overrides { get; set; } = [];

    public CommandResult CommandResult { get; set; } = new(0, 0);

    public int ListCalls => Volatile.Read(ref _listCalls);

    public SensorFilter? LastFilter { get; private set; }

    public (ConfigScope Scope, IReadOnlyDictionary<string, string> Settings, TimeSpan Timeout)? LastSet { get; private set; }

    public (ConfigScope Scope, IReadOnlyList<string> Settings)? LastRemove { get; private set; }

    public (ConfigScope Scope, SensorCommandKind Command)? LastCommand { get; private set; }

    public string? LastSensorId { get; private set; }

    public async Task<OverrideResult> SetOverrideAsync(
        ConfigScope scope, IReadOnlyDictionary<string, string> settings, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await AnswerAsync(cancellationToken);
        LastSet = (scope, settings, timeout);
        return OverrideResult;
    }

    public async Task<OverrideResult> RemoveOverrideAsync(
        ConfigScope scope, IReadOnlyList<string> settings, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await AnswerAsync(cancellationToken);
        LastRemove = (scope, settings);
        return OverrideResult;
    }

    public async Task<SensorConfiguration> GetSensorAsync(string sensorId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await AnswerAsync(cancellationToken);
        LastSensorId = sensorId;
        return Sensor ?? throw new InvalidOperationException("no sensor set");
    }

    public async Task<IReadOnlyList<SensorConfiguration>> ListSensorsAsync(
        SensorFilter filter, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await AnswerAsync(cancellationToken);
        LastFilter = filter;
        return Listing(Interlocked.Increment(ref _listCalls) - 1);
    }

    public async Task<IReadOnlyList<ConfigOverride>> ListOverridesAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await AnswerAsync(cancellationToken);
        return Overrides;
    }

    public async Task<CommandResult> SendCommandAsync(
        ConfigScope scope, SensorCommandKind command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await AnswerAsync(cancellationToken);
        LastCommand = (scope, command);
        return CommandResult;
    }

    private async Task AnswerAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        if (FailWith is not null)
        {
            throw FailWith;
        }
    }
}
