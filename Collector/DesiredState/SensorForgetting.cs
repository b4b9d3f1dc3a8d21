using Ingest.Collector.Security;
using Ingest.Collector.Sensors;
using Ingest.Collector.Sequencing;
using Ingest.Collector.Storage;

namespace Ingest.Collector.DesiredState;

/// <summary>
/// Forgets sensor ids that never stored anything and were not seen for a while
/// (<see cref="Settings.SensorRegistrationOptions.ForgetUnusedAfter"/>): in storage first (<see cref="IChunkStore.ForgetUnusedSensorsAsync"/>,
/// a slice at a time), then in memory — their desired configuration, kind, cursor and the registration charged to their
/// key — so that invented ids cannot make the collector grow for ever, and a restart loads only the ids kept.
/// </summary>
internal sealed class SensorForgetting(
    IChunkStore store, DesiredConfigs desired, SensorDirectory directory, SequenceLedger ledger, SensorRegistrationBudget registrations)
{
    /// <summary>Ids forgotten in one storage transaction at most.</summary>
    public const int SliceSize = 1_000;

    /// <summary>Forgets every unused sensor last seen before <paramref name="seenBefore"/>; returns how many.</summary>
    public async Task<int> ForgetAsync(DateTimeOffset seenBefore, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var forgotten = await desired.ForgetAsync(token => store.ForgetUnusedSensorsAsync(seenBefore, SliceSize, token), cancellationToken);
            foreach (var sensorId in forgotten)
            {
                // A sensor that settled a batch since storage forgot it (its row written anew) stays known here.
                if (ledger.Get(sensorId) > 0)
                {
                    continue;
                }

                ledger.ForgetUnsettled(sensorId);
                directory.Forget(sensorId);
                registrations.Forget(sensorId);
            }

            total += forgotten.Count;
            if (forgotten.Count == 0)
            {
                return total;
            }
        }
    }
}
