using System.Diagnostics.Metrics;
using Ingest.Collector.Diagnostics;
using Ingest.Collector.Errors;
using Ingest.Collector.Settings;

namespace Ingest.Collector.Security;

/// <summary>
/// Paces and caps the sensor ids each key makes known (<see cref="SensorRegistrationOptions"/>): a greeting or control
/// hello from an id the collector does not know takes one registration from its key's token bucket and counts against
/// the key's cap; over either it is refused with ResourceExhausted and a retry hint, before anything is stored. Refusals
/// are counted per reason (metric <c>ingest.registrations.refused</c>) and warned about at most once per reason per
/// <see cref="RefusalLog.Interval"/>, with the count since the last. Ids the collector loaded at start count against no key.
/// </summary>
internal sealed class SensorRegistrationBudget
{
    /// <summary>The refusal reason when the key's bucket is empty.</summary>
    public const string RateReason = "rate";

    /// <summary>The refusal reason when the key holds its cap of ids.</summary>
    public const string CapReason = "cap";

    /// <summary>The retry hint of a refusal at the cap: ids are freed only when unused ones are forgotten.</summary>
    public static readonly TimeSpan CapRetryAfter = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, KeyRegistrations> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _owners = new(StringComparer.Ordinal);
    private readonly LastGoodOptions<SensorRegistrationOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SensorRegistrationBudget> _logger;
    private readonly Counter<long> _refused;
    private readonly RefusalLog _refusals;

    public SensorRegistrationBudget(
        LastGoodOptions<SensorRegistrationOptions> options, IMeterFactory meterFactory, RefusalLog refusals, TimeProvider time, ILogger<SensorRegistrationBudget> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        (_options, _refusals, _time, _logger) = (options, refusals, time, logger);
        _refused = meterFactory.Create(IngestMetrics.MeterName)
            .CreateCounter<long>("ingest.registrations.refused", "{registration}", "New sensor ids refused, tagged with the reason (rate, cap).");
    }

    /// <summary>Ids registered through <paramref name="keyName"/> that are not forgotten.</summary>
    public int RegisteredBy(string keyName)
    {
        lock (_gate)
        {
            return _keys.TryGetValue(keyName, out var key) ? key.Sensors.Count : 0;
        }
    }

    /// <summary>
    /// Charges <paramref name="sensorId"/>, which the collector does not know, to <paramref name="caller"/>'s budget; an id
    /// already charged to a key passes. Throws ResourceExhausted with <c>retry-after-ms</c> over the budget.
    /// </summary>
    public void Admit(Caller caller, string sensorId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var options = _options.Current;
        TimeSpan retryAfter;
        string reason, detail;
        lock (_gate)
        {
            if (_owners.ContainsKey(sensorId))
            {
                return;
            }

            var now = _time.GetTimestamp();
            if (!_keys.TryGetValue(caller.Name, out var key))
            {
                key = new KeyRegistrations(options.NewSensorBurstPerKey, now);
                _keys[caller.Name] = key;
            }

            if (key.Sensors.Count >= options.MaxSensorsPerKey)
            {
                (reason, retryAfter) = (CapReason, CapRetryAfter);
                detail = $"key '{caller.Name}' has registered {key.Sensors.Count} sensor ids, its cap (Collector:Registration:MaxSensorsPerKey); "
                    + "ids that never store anything are forgotten after Collector:Registration:ForgetUnusedAfter";
            }
            else if (!key.TryTake(now, _time, options.NewSensorsPerSecondPerKey, options.NewSensorBurstPerKey, out retryAfter))
            {
                reason = RateReason;
                detail = $"key '{caller.Name}' registers new sensor ids faster than {options.NewSensorsPerSecondPerKey} a second "
                    + $"beyond a burst of {options.NewSensorBurstPerKey} (Collector:Registration:NewSensorsPerSecondPerKey, NewSensorBurstPerKey)";
            }
            else
            {
                key.Sensors.Add(sensorId);
                _owners[sensorId] = caller.Name;
                return;
            }
        }

        Refused(reason, sensorId, caller.Name, detail);
        throw RpcErrors.ResourceExhausted(detail, retryAfter);
    }

    /// <summary>The collector forgot <paramref name="sensorId"/>: it no longer counts against its key.</summary>
    public void Forget(string sensorId)
    {
        lock (_gate)
        {
            if (_owners.Remove(sensorId, out var owner) && _keys.TryGetValue(owner, out var key))
            {
                key.Sensors.Remove(sensorId);
            }
        }
    }

    private void Refused(string reason, string sensorId, string keyName, string detail)
    {
        _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));
        if (_refusals.Count(reason == RateReason ? RefusalLog.RegistrationRate : RefusalLog.RegistrationCap) is var count and > 0)
        {
            RegistrationLog.RegistrationsRefused(_logger, reason, count, _refusals.Interval, sensorId, keyName, detail);
        }
    }
}
