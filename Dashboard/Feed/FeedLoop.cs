using Grpc.Core;
using Ingest.Dashboard.Diagnostics;
using Ingest.Dashboard.Model;
using Ingest.Dashboard.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Ingest.Dashboard.Feed;

/// <summary>
/// Keeps the dashboard subscribed: greet, subscribe, pass every update to the observer; when an attempt fails or
/// the stream breaks or stalls, tell the observer and try again with backoff and jitter, for as long as the
/// caller's token allows. The backoff starts over after every complete snapshot.
/// </summary>
internal sealed class FeedLoop
{
    private readonly ICollectorFeed _feed;
    private readonly RetryDelayPolicy _delays;
    private readonly TimeSpan _stallTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger<FeedLoop> _logger;
    private readonly string _address;

    /// <summary>A loop over the collector at <see cref="DashboardOptions.CollectorAddress"/>.</summary>
    public FeedLoop(ICollectorFeed feed, IOptions<DashboardOptions> options, TimeProvider time, ILogger<FeedLoop> logger)
        : this(feed, (options ?? throw new ArgumentNullException(nameof(options))).Value.CollectorAddress, options, time, logger)
    {
    }

    /// <summary>A loop over the collector at <paramref name="address"/>, one of several.</summary>
    public FeedLoop(ICollectorFeed feed, string address, IOptions<DashboardOptions> options, TimeProvider time, ILogger<FeedLoop> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _feed = feed;
        _delays = new RetryDelayPolicy(settings.RetryBaseDelay, settings.RetryMaxDelay);
        _stallTimeout = settings.StallTimeout;
        _address = address;
        _time = time;
        _logger = logger;
    }

    /// <summary>The collector this loop subscribes to.</summary>
    public string Address => _address;

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled (then throws <see cref="OperationCanceledException"/>),
    /// or until an attempt fails in a way that is not retried: a refusal when <paramref name="retryRefusals"/> is
    /// false, or a fault of the observer.
    /// </summary>
    public async Task RunAsync(
        SubscriptionRequest request, IFeedObserver observer, bool retryRefusals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(observer);
        var failedAttempts = 0;
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } exception &&
                    FeedFaults.ShouldRetry(exception, retryRefusals, args.Context.CancellationToken)),
                MaxRetryAttempts = int.MaxValue,
                // Every delay comes from the generator: backoff with jitter, at least the collector's hint.
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    _delays.NextDelay(failedAttempts, args.Outcome.Exception, Random.Shared.NextDouble())),
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception is { } exception ? FeedFaults.Describe(exception) : "unknown";
                    _logger.Retrying(_address, reason, failedAttempts, args.RetryDelay);
                    observer.OnRetrying(new RetryNotice(
                        failedAttempts, args.RetryDelay, _time.GetUtcNow() + args.RetryDelay, reason));
                    return default;
                },
            })
            .Build();

        try
        {
            await pipeline.ExecuteAsync(
                async token =>
                {
                    try
                    {
                        await AttemptAsync(request, observer, () => failedAttempts = 0, token);
                    }
                    catch (Exception) when (!token.IsCancellationRequested)
                    {
                        failedAttempts++;
                        throw;
                    }
                },
                cancellationToken);
        }
        catch (RpcException exception) when (
            exception.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The feed was stopped.", exception, cancellationToken);
        }
    }

    private async Task AttemptAsync(
        SubscriptionRequest request, IFeedObserver observer, Action snapshotCompleted, CancellationToken cancellationToken)
    {
        var collector = await _feed.GreetAsync(cancellationToken);
        _logger.Connected(collector.InstanceId, collector.Version, _address);
        observer.OnConnected(collector);

        using var stall = new CancellationTokenSource(_stallTimeout, _time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
        try
        {
            await foreach (var update in _feed.SubscribeAsync(request, attempt.Token).WithCancellation(attempt.Token))
            {
                stall.CancelAfter(_stallTimeout);
                if (update is SnapshotCompleted completed)
                {
                    _logger.SnapshotReceived(completed.SensorCount);
                    snapshotCompleted();
                }

                observer.OnUpdate(update);
            }
        }
        catch (Exception exception) when (
            stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested &&
            exception is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            throw new FeedStalledException($"nothing from the collector for {_stallTimeout.TotalSeconds:0.#} s", exception);
        }

        throw new StreamEndedException();
    }
}
