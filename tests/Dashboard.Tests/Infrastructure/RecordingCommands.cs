using Ingest.Dashboard.CommandLine;

namespace Ingest.Dashboard.Tests.Infrastructure;

/// <summary>Records the request the command line ran, instead of running it; fails with <see cref="Failure"/> when set.</summary>
internal sealed class RecordingCommands : IDashboardCommands
{
    public object? Request { get; private set; }

    public Exception? Failure { get; set; }

    public Task<int> ViewAsync(ViewRequest request, CancellationToken cancellationToken) => Record(request);

    public Task<int> ExportAsync(ExportRequest request, CancellationToken cancellationToken) => Record(request);

    public Task<int> AdminAsync(AdminRequest request, CancellationToken cancellationToken) => Record(request);

    private Task<int> Record(object request)
    {
        Request = request;
        return Failure is null ? Task.FromResult(0) : Task.FromException<int>(Failure);
    }
}
