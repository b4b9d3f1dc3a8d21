using System.ComponentModel.DataAnnotations;

namespace Ingest.Collector.Settings;

/// <summary>
/// How many sensor ids one key may make known, and how long an id that never stored anything is kept. Section
/// <c>Collector:Registration</c>.
/// </summary>
internal sealed class SensorRegistrationOptions
{
    public const string SectionName = "Collector:Registration";

    /// <summary>
    /// New sensor ids one key may register per second (a greeting or control hello from an id the collector does not
    /// know), refilling a token bucket of <see cref="NewSensorBurstPerKey"/>. Default: 100.
    /// </summary>
    [Range(1, 1_000_000)]
    public int NewSensorsPerSecondPerKey { get; set; } = 100;

    /// <summary>
    /// New sensor ids one key may register at once before <see cref="NewSensorsPerSecondPerKey"/> paces it: room for a
    /// whole fleet starting together (run.sh simulates up to 20,000 under one key). Default: 20,000.
    /// </summary>
    [Range(1, 10_000_000)]
    public int NewSensorBurstPerKey { get; set; } = 20_000;

    /// <summary>
    /// Sensor ids one key may have registered with this collector since it started and that it still knows; one more is
    /// refused until unused ones are forgotten (<see cref="ForgetUnusedAfter"/>). Default: 50,000.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxSensorsPerKey { get; set; } = 50_000;

    /// <summary>
    /// How long a sensor id that never stored anything (no batch committed, rejected or lost) is kept after it was last
    /// seen (greeted, opened a session, registered); then it is forgotten, in memory and in storage. Ids that stored
    /// something are kept for ever. Default: 24 hours.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan ForgetUnusedAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the collector looks for unused sensor ids to forget. Default: 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ForgetInterval { get; set; } = TimeSpan.FromMinutes(5);
}
