using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>Routes the collector's logs into a <see cref="LogCapture"/> and checks them.</summary>
internal static class CapturedLogs
{
    /// <summary>The collector logs through Serilog, which ignores other providers: capture in its place.</summary>
    public static CollectorFactory WithLogs(this CollectorFactory collector, LogCapture logs) =>
        collector.WithServices(services =>
        {
            services.RemoveAll<ILoggerFactory>();
            services.AddSingleton<ILoggerFactory>(new LoggerFactory([logs]));
        });

    /// <summary>A client's bad input is the client's problem: the collector must not log it as its own error.</summary>
    public static void AssertNoErrors(this LogCapture logs)
    {
        var errors = logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Level}: {e.Message}").ToList();
        Assert.True(errors.Count == 0, "The collector logged errors for a client's bad input:\n" + string.Join("\n", errors));
    }
}
