using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Ingest.Dashboard.Feed;
using Ingest.Dashboard.Model;

namespace Ingest.Dashboard.Tests.Infrastructure;

/// <summary>
/// A collector without a network: greetings succeed unless the test queued a failure, and each subscription plays
/// the next queued <see cref="FakeStream"/> (or stays open and silent when none is queued).
/// </summary>
internal sealed class FakeCollectorFeed : ICollectorFeed
{
    private readonly ConcurrentQueue<Exception> _greetFailures = new();
    private readonly ConcurrentQueue<FakeStream> _streams = new();
    private int _greetCalls;
    private int _subscribeCalls;

    public CollectorIdentity Identity { get; set; } = new("collector-1", "0.1.0");

    /// <summary>When set, every greeting fails with it (after the queued failures).</summary>
    public Exception? AlwaysFailGreetWith { get; set; }

    public int GreetCalls => Volatile.Read(ref _greetCalls);

    public int SubscribeCalls => Volatile.Read(ref _subscribeCalls);

    public ConcurrentQueue<SubscriptionRequest> Requests { get; } = new();

    public FakeCollectorFeed FailNextGreet(Exception exception)
    {
        _greetFailures.Enqueue(exception);
        return this;
    }

    public FakeStream NextStream()
    {
        var stream = new FakeStream();
        _streams.Enqueue(stream);
        return stream;
    }

    public Task<CollectorIdentity> GreetAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _greetCalls);
        cancellationToken.ThrowIfCancellationRequested();
        if (_greetFailures.TryDequeue(out var failure))
        {
            return Task.FromException<CollectorIdentity>(failure);
        }

        return AlwaysFailGreetWith is { } always
            ? Task.FromException<CollectorIdentity>(always)
            : Task.FromResult(Identity);
    }

    public async IAsyncEnumerable<DashboardUpdate> SubscribeAsync(
        SubscriptionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _subscribeCalls);
        Requests.Enqueue(request);
        var stream = _streams.TryDequeue(out var next) ? next : new FakeStream();
        await foreach (var update in stream.Reader.ReadAllAsync(cancellationToken))
        {
            yield return update;
        }
    }
}
