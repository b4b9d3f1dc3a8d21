using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>
/// Counts the requests the collector finished serving, by path, in a middleware around its whole pipeline: a test
/// waits for a server-side call to end (an abandoned one, say) before it looks at what the call left behind.
/// Register it with <c>WithServices(s => s.AddSingleton&lt;IStartupFilter&gt;(finished))</c>.
/// </summary>
internal sealed class FinishedCalls : IStartupFilter
{
    private readonly ConcurrentDictionary<string, int> _finished = new(StringComparer.Ordinal);

    /// <summary>How many requests to <paramref name="path"/> (e.g. <c>/ingest.v1.Ingestion/Upload</c>) have ended so far.</summary>
    public int Of(string path) => _finished.GetValueOrDefault(path);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            var path = context.Request.Path.Value ?? "";
            try
            {
                await following(context);
            }
            finally
            {
                _finished.AddOrUpdate(path, 1, (_, count) => count + 1);
            }
        });
        next(app);
    };
}
