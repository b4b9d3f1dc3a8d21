using System.Globalization;
using System.Text.RegularExpressions;
using Google.Protobuf.Collections;
using Ingest.Collector.Errors;
using Ingest.Collector.Model;
using Wire = Ingest.Protocol.V1;

namespace Ingest.Collector.Subscriptions;

/// <summary>A validated <c>SubscribeRequest</c>: which sensors, which window size, and how often at most.</summary>
internal sealed partial record SubscriptionRequest(SubscriptionFilter Filter, int WindowIndex, TimeSpan Window, TimeSpan MinUpdateInterval)
{
    public static readonly TimeSpan DefaultMinUpdateInterval = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan ShortestMinUpdateInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan LongestMinUpdateInterval = TimeSpan.FromHours(1);

    /// <summary>Sensor ids (or patterns) and kinds a request may list, each.</summary>
    public const int MaxFilterEntries = 1000;

    /// <summary>Reads <paramref name="request"/>; throws InvalidArgument with what to change when it is not valid.</summary>
    public static SubscriptionRequest Read(Wire.SubscribeRequest request, IReadOnlyList<TimeSpan> windows, TimeSpan defaultWindow)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(windows);
        var window = request.Window is null ? defaultWindow : ToTimeSpan(request.Window, "window");
        var windowIndex = windows.ToList().IndexOf(window);
        if (windowIndex < 0)
        {
            throw RpcErrors.InvalidArgument(
                $"window {Format(window)} is not kept by this collector; ask for one of {string.Join(", ", windows.Select(Format))}, or leave it unset for {Format(defaultWindow)}");
        }

        var interval = request.MinUpdateInterval is null ? DefaultMinUpdateInterval : ToTimeSpan(request.MinUpdateInterval, "min_update_interval");
        if (interval > LongestMinUpdateInterval)
        {
            throw RpcErrors.InvalidArgument($"min_update_interval {Format(interval)} is longer than the {Format(LongestMinUpdateInterval)} allowed");
        }

        ValidateSensorIds(request.SensorIds);
        ValidateKinds(request.Kinds);
        return new SubscriptionRequest(
            new SubscriptionFilter(request.SensorIds, request.Kinds),
            windowIndex,
            window,
            interval < ShortestMinUpdateInterval ? ShortestMinUpdateInterval : interval);
    }

    /// <summary>A duration as a person writes it: 500 ms, 1 s, 1.5 s.</summary>
    public static string Format(TimeSpan duration) =>
        duration.Ticks % TimeSpan.TicksPerSecond == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalSeconds} s")
            : duration < TimeSpan.FromSeconds(1)
                ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.###} ms")
                : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.######} s");

    private static TimeSpan ToTimeSpan(Google.Protobuf.WellKnownTypes.Duration duration, string field)
    {
        try
        {
            return duration.ToTimeSpan();
        }
        catch (Exception ex) when (ex is InvalidOperationException or OverflowException)
        {
            throw RpcErrors.InvalidArgument(
                $"{field} ({duration.Seconds} s, {duration.Nanos} ns) is not a valid duration; seconds and nanos must have the same sign and nanos stay within ±999,999,999");
        }
    }

    private static void ValidateSensorIds(RepeatedField<string> sensorIds)
    {
        if (sensorIds.Count > MaxFilterEntries)
        {
            throw RpcErrors.InvalidArgument($"sensor_ids lists {sensorIds.Count} entries; at most {MaxFilterEntries} are allowed, use * wildcards to cover more");
        }

        for (var i = 0; i < sensorIds.Count; i++)
        {
            var id = sensorIds[i];
            if (id.Length is 0 or > SensorId.MaxLength || !PatternSyntax().IsMatch(id))
            {
                throw RpcErrors.InvalidArgument(
                    $"sensor_ids[{i}] must be 1 to {SensorId.MaxLength} letters, digits, . _ : - and the wildcard *; leave sensor_ids empty for every sensor");
            }
        }
    }

    private static void ValidateKinds(RepeatedField<string> kinds)
    {
        if (kinds.Count > MaxFilterEntries)
        {
            throw RpcErrors.InvalidArgument($"kinds lists {kinds.Count} entries; at most {MaxFilterEntries} are allowed");
        }

        for (var i = 0; i < kinds.Count; i++)
        {
            if (SensorId.ValidateKind(kinds[i]) is { } error)
            {
                throw RpcErrors.InvalidArgument($"kinds[{i}]: {error}");
            }
        }
    }

    [GeneratedRegex(@"\A[A-Za-z0-9._:*-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex PatternSyntax();
}
