using Ingest.Collector.Errors;
using Ingest.Collector.Settings;
using Microsoft.Extensions.Options;

namespace Ingest.Collector.Chaos;

/// <summary>
/// Collector:Chaos on the Upload path: ends a stream with Unavailable after N batches or a share of batches, or replaces a
/// stream's acknowledgement with Unavailable after its batches are committed. <see cref="ChaosOptions.Enabled"/>
/// is taken at start (<see cref="ChaosAnnouncement"/> announces it), so chaos is never on without its start-up
/// warning; the rates are the last good ones of the settings file, so a fault-injection run can change them live.
/// </summary>
internal sealed class UploadChaos(IOptions<ChaosOptions> atStart, LastGoodOptions<ChaosOptions> live, ChaosMetrics metrics, ILogger<UploadChaos> logger)
{
    private readonly bool _enabled = atStart.Value.Enabled;

    public const string AckDroppedMessage = "ack dropped by Collector:Chaos; the batches are committed, greet to learn the committed sequence";

    public const string StreamAbortedMessage = "stream aborted by Collector:Chaos; the batches sent so far are committed, greet to learn the committed sequence and resend the rest";

    /// <summary>
    /// Throws Unavailable once a stream has sent <see cref="ChaosOptions.AbortStreamAfterBatches"/> batches, or after a
    /// share <see cref="ChaosOptions.AbortStreamRate"/> of batches.
    /// </summary>
    public void AfterBatch(int batchesReceived, string? sensorId)
    {
        var chaos = live.Current;
        if (_enabled && ((chaos.AbortStreamAfterBatches > 0 && batchesReceived >= chaos.AbortStreamAfterBatches)
            || (chaos.AbortStreamRate > 0 && Random.Shared.NextDouble() < chaos.AbortStreamRate)))
        {
            Inject(ChaosKind.StreamAborted, sensorId);
            throw RpcErrors.Unavailable(StreamAbortedMessage);
        }
    }

    /// <summary>Throws Unavailable instead of the acknowledgement for a share <see cref="ChaosOptions.DropAckAfterCommitRate"/> of streams.</summary>
    public void BeforeAck(string? sensorId)
    {
        var chaos = live.Current;
        if (_enabled && chaos.DropAckAfterCommitRate > 0 && Random.Shared.NextDouble() < chaos.DropAckAfterCommitRate)
        {
            Inject(ChaosKind.AckDropped, sensorId);
            throw RpcErrors.Unavailable(AckDroppedMessage);
        }
    }

    private void Inject(string kind, string? sensorId)
    {
        metrics.Injected(kind);
        ChaosLog.StreamInjected(logger, kind, sensorId ?? "(none yet)");
    }
}
