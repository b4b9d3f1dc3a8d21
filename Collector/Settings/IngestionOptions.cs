using System.ComponentModel.DataAnnotations;

namespace Ingest.Collector.Settings;

/// <summary>Limits of the ingest path. Section <c>Collector:Ingestion</c>.</summary>
internal sealed class IngestionOptions
{
    public const string SectionName = "Collector:Ingestion";

    /// <summary>Readings one batch may carry. Default: 10,000.</summary>
    [Range(1, Codec.ChunkCodec.MaxReadings)]
    public int MaxReadingsPerBatch { get; set; } = 10_000;

    /// <summary>The largest message accepted, in bytes; larger ones get ResourceExhausted. Default: 4 MiB.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxMessageSizeBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Upload streams (and Write calls) open at once; more get ResourceExhausted with a retry hint. Default: 16,384, room for 10,000 sensors each holding a stream.</summary>
    [Range(1, 1_000_000)]
    public int MaxConcurrentUploads { get; set; } = 16_384;

    /// <summary>
    /// Upload streams (and Write calls) one sensor id may hold open at once; one more gets ResourceExhausted
    /// with a retry hint. Default: 4.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxUploadStreamsPerSensor { get; set; } = 4;

    /// <summary>
    /// Readings per second one sensor id may send, over all its streams, enforced by a token bucket that
    /// holds at least one full batch (the larger of this rate and <see cref="MaxReadingsPerBatch"/>). A batch
    /// over the limit is not stored and its stream ends with ResourceExhausted and a retry hint; batches the
    /// stream sent before stay committed. 0 means no limit. Default: 1,000,000.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int MaxReadingsPerSecondPerSensor { get; set; } = 1_000_000;

    /// <summary>
    /// Batches of one stream queued for commit before the collector stops reading that stream, so that
    /// HTTP/2 flow control pushes back on the sensor. Default: 64.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxInFlightBatchesPerStream { get; set; } = 64;

    /// <summary>How far in the future a reading's timestamp may be. Default: 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The retry hint sent with ResourceExhausted. Default: 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How far above a sensor's committed sequence a batch may be; further is refused without settling
    /// anything, so that one corrupt sequence cannot turn the sensor's later batches into duplicates.
    /// Default: 1,000,000 batches.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxSequenceJump { get; set; } = 1_000_000;

    /// <summary>
    /// How long an Upload stream may stay open without sending its first batch; then it ends with
    /// DeadlineExceeded, so that idle streams cannot hold the collector's upload slots. Default: 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstBatchTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Rejected batches one stream may carry before it is ended with InvalidArgument. Default: 1,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxRejectedBatchesPerStream { get; set; } = 1000;

    /// <summary>
    /// How long an Upload stream may wait for its next batch after the one before; then it ends with DeadlineExceeded
    /// (the batches it sent are settled, and the sensor's next greeting tells their outcome), so that streams that send
    /// once and idle cannot hold the collector's upload slots. A sensor whose desired upload window
    /// (<c>UploadWindowDuration</c> of <c>Collector:Control:Defaults</c>, or of its kind or its own override) is longer
    /// gets twice its window instead: the simulator
    /// ends a stream when its window is over, so an honest stream never waits that long. Default: 30 s, six times the
    /// default upload window of 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan BatchIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The share of <see cref="MaxConcurrentUploads"/> one key may hold open at once, in percent; one more stream of that
    /// key gets ResourceExhausted with a retry hint, so that one key (and so one sensor-id pattern) cannot take every
    /// upload slot. A key bound only to exact sensor ids gets at most <see cref="MaxUploadStreamsPerSensor"/> streams per
    /// id, if that is fewer. Default: 75, which with the default limit of 16,384 lets one key run 12,288 streams (the
    /// demo's 10,000 sensors on one key) and keeps 4,096 for the others.
    /// </summary>
    [Range(1, 100)]
    public int UploadSharePerKeyPercent { get; set; } = 75;

    /// <summary>
    /// Bytes of batches read from Upload streams (and Write calls) and not yet settled by storage, across all streams:
    /// a stream whose batch does not fit waits, and reads nothing more meanwhile, so that HTTP/2 flow control pushes back
    /// on its sensor. A batch larger than the whole budget waits until it is alone. Default: 256 MiB.
    /// </summary>
    [Range(1024 * 1024, int.MaxValue)]
    public int MaxBufferedBytes { get; set; } = 256 * 1024 * 1024;

    /// <summary>
    /// How long a stream may wait for room in <see cref="MaxBufferedBytes"/>; then it ends with ResourceExhausted and a
    /// retry hint (the batches before are settled, the one waiting is not stored). Default: 10 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan BufferedBytesWaitTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
