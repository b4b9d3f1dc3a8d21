using Ingest.Dashboard.CommandLine;
using Ingest.Dashboard.Hosting;
using Ingest.ServiceDefaults.Logging;

Func<Task<int>> run = async () =>
{
    using var signals = ShutdownSignals.Register();
    return await DashboardCommandLine.InvokeAsync(args, new DashboardCommands(), Console.Out, Console.Error, signals.Token);
};

return await run.RunIngestProgramAsync("Dashboard");
