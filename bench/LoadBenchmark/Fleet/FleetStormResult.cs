namespace Ingest.LoadBenchmark.Fleet;

/// <summary>
/// A fleet size's reconnect storm (<c>--fleet-restart</c>): the collector restarted as <c>systemctl restart</c> does with the
/// sensors running, and how they came back. Times after "listening" count from the new collector saying it listens.
/// </summary>
internal sealed record FleetStormResult
{
    /// <summary>How long the run waits, from the new collector listening, for every sensor to be back.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    /// <summary>What the issue asks: every sensor back within this long.</summary>
    public static readonly TimeSpan Goal = TimeSpan.FromSeconds(60);

    public int Sensors { get; init; }

    /// <summary>Seconds from the SIGTERM until the collector exited.</summary>
    public double StopSeconds { get; init; }

    /// <summary>Seconds from the SIGTERM until the new collector listened.</summary>
    public double ListeningSeconds { get; init; }

    /// <summary>Seconds the run watched the storm: from listening until every sensor was back or <see cref="Wait"/> ran out.</summary>
    public double ObservedSeconds { get; init; }

    /// <summary>Seconds from listening until every sensor was welcomed again on a control stream; null when not all were in <see cref="Wait"/>.</summary>
    public double? AllWelcomedSeconds { get; init; }

    /// <summary>Seconds from listening until every sensor had an upload acknowledged by the new collector; null when not all had in <see cref="Wait"/>.</summary>
    public double? AllAckedSeconds { get; init; }

    /// <summary>Sensors welcomed again within the watch.</summary>
    public long Welcomed { get; init; }

    /// <summary>Sensors acknowledged again within the watch.</summary>
    public long Acked { get; init; }

    /// <summary>Sensors welcomed again within 10, 30 and 60 s of listening.</summary>
    public long WelcomedBy10s { get; init; }

    public long WelcomedBy30s { get; init; }

    public long WelcomedBy60s { get; init; }

    /// <summary>Sensors acknowledged again within 10, 30 and 60 s of listening.</summary>
    public long AckedBy10s { get; init; }

    public long AckedBy30s { get; init; }

    public long AckedBy60s { get; init; }

    /// <summary>Failed calls by status from just before the SIGTERM to the end of the watch, from the generators' tallies.</summary>
    public IReadOnlyDictionary<string, long> Errors { get; init; } = new Dictionary<string, long>();

    /// <summary>Connections the new collector refused by reason (<c>ingest_connections_refused_total</c>) at the end of the watch; null when its endpoint did not answer.</summary>
    public IReadOnlyDictionary<string, long>? Refusals { get; init; }

    /// <summary>The new collector's peak resident memory (VmHWM) at the end of the watch.</summary>
    public long PeakRssBytes { get; init; }

    /// <summary>The new collector's CPU from listening to the end of the watch, in percent of a core.</summary>
    public double CpuPercentOfCore { get; init; }

    /// <summary>Why the storm could not be measured (the collector did not come back, or exited during it); null when it was.</summary>
    public string? Failure { get; init; }

    /// <summary>Every sensor welcomed and acknowledged again within <see cref="Goal"/> of the new collector listening.</summary>
    public bool BackWithinGoal => Failure is null && AllWelcomedSeconds <= Goal.TotalSeconds && AllAckedSeconds <= Goal.TotalSeconds;

    /// <summary>
    /// This storm with the sensors' times: <paramref name="welcomed"/> and <paramref name="acked"/> hold, per sensor, the seconds from
    /// the new collector listening to its first welcome and ack (null: not within the watch); all are back only when both hold every sensor.
    /// </summary>
    public FleetStormResult WithSensorTimes(IReadOnlyList<double?> welcomed, IReadOnlyList<double?> acked)
    {
        ArgumentNullException.ThrowIfNull(welcomed);
        ArgumentNullException.ThrowIfNull(acked);
        return this with
        {
            Welcomed = welcomed.Count(t => t is not null),
            Acked = acked.Count(t => t is not null),
            AllWelcomedSeconds = Last(welcomed),
            AllAckedSeconds = Last(acked),
            WelcomedBy10s = Within(welcomed, 10),
            WelcomedBy30s = Within(welcomed, 30),
            WelcomedBy60s = Within(welcomed, 60),
            AckedBy10s = Within(acked, 10),
            AckedBy30s = Within(acked, 30),
            AckedBy60s = Within(acked, 60),
        };
    }

    /// <summary>
    /// Per sensor of the fleet, in worker order, the seconds from listening to the time <paramref name="times"/> gives (seconds from the
    /// worker's mark); <paramref name="listeningAfterMark"/> is, per worker, how long after its mark the new collector listened. Never negative:
    /// a sensor may connect between the bind and the line that says so.
    /// </summary>
    public static IReadOnlyList<double?> SinceListening(
        IReadOnlyList<FleetWorkerResult> workers, IReadOnlyList<double> listeningAfterMark, Func<FleetWorkerResult, IReadOnlyList<double?>> times)
    {
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentNullException.ThrowIfNull(listeningAfterMark);
        ArgumentNullException.ThrowIfNull(times);
        return [.. workers.SelectMany((worker, w) => times(worker).Select(t => t is { } s ? Math.Max(0, s - listeningAfterMark[w]) : (double?)null))];
    }

    private double? Last(IReadOnlyList<double?> times) => times.Count == Sensors && Sensors > 0 && times.All(t => t is not null) ? times.Max() : null;

    private static long Within(IReadOnlyList<double?> times, double seconds) => times.Count(t => t <= seconds);
}
