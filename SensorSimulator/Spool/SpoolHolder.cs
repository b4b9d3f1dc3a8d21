using Ingest.SensorSimulator.Diagnostics;
using Ingest.ServiceDefaults.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ingest.SensorSimulator.Spool;

/// <summary>
/// The process's <see cref="SensorSpool"/> once <see cref="SpoolService"/> has opened it; null while none is open (no
/// spool configured, or before start). The sensors are built before the host starts, so they reach the spool here.
/// </summary>
internal sealed class SpoolHolder(TimeProvider time, ILogger<SpoolHolder> logger)
{
    private readonly LogThrottle _failures = new(time, TimeSpan.FromSeconds(5));
    private volatile SensorSpool? _spool;
    private long _writeFailures;

    /// <summary>A holder of no spool, for sensors built without one (tests).</summary>
    public SpoolHolder()
        : this(TimeProvider.System, NullLogger<SpoolHolder>.Instance)
    {
    }

    public SensorSpool? Spool => _spool;

    /// <summary>Batches the spool failed to keep (a full or failing disk): sent all the same, not safe from a crash.</summary>
    public long WriteFailures => Interlocked.Read(ref _writeFailures);

    public void Set(SensorSpool? spool) => _spool = spool;

    public void ReportWriteFailed(string sensorId, ulong sequence, Exception exception)
    {
        var failures = Interlocked.Increment(ref _writeFailures);
        if (_failures.TryEnter())
        {
            logger.SpoolWriteFailed(exception, sensorId, sequence, failures);
        }
    }
}
