using Grpc.Core;
using Ingest.Dashboard.Admin;
using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.SensorConfig;

/// <summary>
/// <c>config set --wait</c>: asks the collector for the sensors in scope every <see cref="PollInterval"/> until each
/// one that got the new version has acknowledged or rejected it, or the time is up.
/// </summary>
internal sealed class AcknowledgementWait
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly ISensorConfigAdmin _admin;
    private readonly TimeProvider _time;

    public AcknowledgementWait(ISensorConfigAdmin admin, TimeProvider time)
    {
        _admin = admin;
        _time = time;
    }

    /// <summary>The sensors of <paramref name="scope"/> as ListSensors filters them.</summary>
    public static SensorFilter FilterFor(ConfigScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Level switch
        {
            ScopeLevel.Sensor => new SensorFilter([scope.Target], []),
            ScopeLevel.Kind => new SensorFilter([], [scope.Target]),
            _ => SensorFilter.All,
        };
    }

    /// <summary>
    /// Waits for <paramref name="version"/> until <paramref name="budget"/> has passed since <paramref name="startedAt"/>
    /// (a <see cref="TimeProvider"/> timestamp), reporting each poll that is not the last to <paramref name="progress"/>. Returns how the
    /// sensors stand at the end, <see cref="WaitOutcome.TimedOut"/> when the time was up first; null when it was up
    /// before the collector listed the sensors even once.
    /// </summary>
    public async Task<WaitOutcome?> RunAsync(
        ConfigScope scope, ulong version, long startedAt, TimeSpan budget, Action<WaitOutcome> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var filter = FilterFor(scope);
        var initial = Remaining(startedAt, budget);
        using var expiry = new CancellationTokenSource(initial > TimeSpan.Zero ? initial : TimeSpan.Zero, _time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        WaitOutcome? last = null;
        try
        {
            while (true)
            {
                var remaining = Remaining(startedAt, budget);
                if (remaining <= TimeSpan.Zero)
                {
                    return TimedOut(last, startedAt);
                }

                var sensors = await _admin.ListSensorsAsync(filter, remaining, stop.Token);
                last = WaitOutcome.Tally(sensors, version, _time.GetElapsedTime(startedAt));
                if (last.Complete)
                {
                    return last;
                }

                progress(last);
                await Task.Delay(PollInterval, _time, stop.Token);
            }
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return TimedOut(last, startedAt);
        }
        catch (RpcException exception) when (
            exception.StatusCode is StatusCode.DeadlineExceeded or StatusCode.Cancelled &&
            !cancellationToken.IsCancellationRequested &&
            (expiry.IsCancellationRequested || Remaining(startedAt, budget) <= TimeSpan.Zero))
        {
            return TimedOut(last, startedAt);
        }
    }

    private TimeSpan Remaining(long startedAt, TimeSpan budget) => budget - _time.GetElapsedTime(startedAt);

    private WaitOutcome? TimedOut(WaitOutcome? last, long startedAt) =>
        last is null ? null : last with { TimedOut = true, Elapsed = _time.GetElapsedTime(startedAt) };
}
