using Ingest.SensorSimulator.Hosting;
using Ingest.SensorSimulator.Reporting;
using Ingest.ServiceDefaults.Configuration;
using Ingest.ServiceDefaults.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

Func<Task<int>> run = async () =>
{
    var builder = Host.CreateApplicationBuilder(
        new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddIngestSharedSettings();
    builder.AddIngestLogging("SensorSimulator");
    builder.Services.AddSystemd();
    builder.AddSensorSimulator();

    using var host = builder.Build();
    var report = host.Services.GetRequiredService<FleetReport>();
    var exit = host.Services.GetRequiredService<ProgramExit>();
    await host.RunAsync();

    // After the host has stopped, so that the summary is the last output.
    await report.WriteAsync(Console.Out, CancellationToken.None);
    return exit.Code;
};

return await run.RunIngestProgramAsync("SensorSimulator");
