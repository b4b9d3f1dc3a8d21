using Ingest.Collector.Hosting;
using Ingest.ServiceDefaults.Configuration;
using Ingest.ServiceDefaults.Logging;

return await new Func<Task<int>>(async () =>
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddIngestSharedSettings();
    builder.AddIngestLogging("Collector");
    builder.Host.UseSystemd();
    builder.AddCollector();

    var app = builder.Build();
    app.MapCollector();
    await app.RunAsync();
    return 0;
}).RunIngestProgramAsync("Collector");

/// <summary>The collector program; public so that in-process tests can host it.</summary>
public partial class Program;
