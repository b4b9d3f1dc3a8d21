using System.Collections.Concurrent;
using System.Globalization;
using Grpc.Core;

namespace Ingest.EndToEnd.Tests.Infrastructure.Abuse;

/// <summary>How one attack's calls ended, by gRPC status, and how many refusals carried a retry hint.</summary>
internal sealed class AttackTally(string name)
{
    private readonly ConcurrentDictionary<StatusCode, long> _byStatus = new();
    private long _hinted;

    public string Name { get; } = name;

    public long Calls => _byStatus.Values.Sum();

    public long Hinted => Interlocked.Read(ref _hinted);

    public long Count(StatusCode status) => _byStatus.GetValueOrDefault(status);

    public void Record(StatusCode status) => _byStatus.AddOrUpdate(status, 1, (_, count) => count + 1);

    /// <summary>Records a failed call; a ResourceExhausted or Unavailable one counts as hinted when it carries <c>retry-after-ms</c>.</summary>
    public void Record(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Record(exception.StatusCode);
        if (exception.Trailers.GetValue("retry-after-ms") is not null)
        {
            Interlocked.Increment(ref _hinted);
        }
    }

    public override string ToString() =>
        $"{Name}: {Calls} calls — " + string.Join(", ", _byStatus.OrderBy(pair => pair.Key)
            .Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} {pair.Value}")))
        + string.Create(CultureInfo.InvariantCulture, $"; {Hinted} with retry-after-ms");
}
