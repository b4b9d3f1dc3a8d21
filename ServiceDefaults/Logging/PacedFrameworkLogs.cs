using System.Collections.Concurrent;
using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace Ingest.ServiceDefaults.Logging;

/// <summary>
/// Paces the lines the web server and gRPC framework write per connection or per call (Kestrel aborting a connection
/// that floods it with resets, grpc-dotnet's error line for every failed call), which a hostile or broken client can
/// turn into thousands a second: each kind of line (source, level and template) passes at most once per
/// <see cref="Interval"/>, and the one that passes carries <see cref="PropertyName"/>, saying how many like it were
/// held back since the last. Ingest's own lines are paced where they are written, by reason, and pass untouched.
/// </summary>
public sealed class PacedFrameworkLogs(TimeProvider time, TimeSpan interval) : ILogEventFilter
{
    /// <summary>The property that says how many lines like this one were not written; the console template shows it.</summary>
    public const string PropertyName = "Paced";

    /// <summary>Kinds of line paced apart; past them, every other framework line shares one pace.</summary>
    public const int MaxKinds = 256;

    private static readonly string[] Sources = ["Microsoft.AspNetCore.Server.Kestrel", "Grpc.AspNetCore.Server"];

    private readonly ConcurrentDictionary<(string Source, LogEventLevel Level, string Template), Tally> _tallies = new();

    public TimeSpan Interval { get; } = interval;

    public bool IsEnabled(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (!logEvent.Properties.TryGetValue("SourceContext", out var value) || value is not ScalarValue { Value: string source }
            || !Sources.Any(prefix => source.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return true;
        }

        var key = (source, logEvent.Level, logEvent.MessageTemplate.Text);
        if (!_tallies.TryGetValue(key, out var tally))
        {
            tally = _tallies.GetOrAdd(_tallies.Count < MaxKinds ? key : ("*", LogEventLevel.Verbose, "*"), _ => new Tally(new LogThrottle(time, Interval)));
        }

        Interlocked.Increment(ref tally.Since);
        if (!tally.Throttle.TryEnter())
        {
            return false;
        }

        // This line and those held back since the last one of its kind.
        var held = Interlocked.Exchange(ref tally.Since, 0) - 1;
        if (held > 0)
        {
            logEvent.AddOrUpdateProperty(new LogEventProperty(PropertyName, new ScalarValue(string.Create(CultureInfo.InvariantCulture,
                $" ({held} more like it since the last such line were not written; at most one every {Interval.TotalSeconds:0.#} s)"))));
        }

        return true;
    }

    private sealed class Tally(LogThrottle throttle)
    {
        public readonly LogThrottle Throttle = throttle;

        public long Since;
    }
}
