using Grpc.Core;
using Ingest.Collector.Tests.Infrastructure;

namespace Ingest.Collector.Tests.BadInput;

/// <summary>The bad-input table for <c>Greeter.Greet</c>: each row's status and a message naming the problem.</summary>
public sealed class GreetBadInputTests : IDisposable
{
    private readonly CollectorFactory _collector = new();

    public void Dispose() => _collector.Dispose();

    public static TheoryData<string, string, uint, StatusCode, string> Rows() => new()
    {
        { "", "temperature", 1, StatusCode.InvalidArgument, "sensor_id is empty" },
        { new string('g', 129), "temperature", 1, StatusCode.InvalidArgument, "sensor_id is 129 characters long; at most 128" },
        { "g\u00fcnter", "temperature", 1, StatusCode.InvalidArgument, "has characters outside letters, digits" },
        { "-leading-dash", "temperature", 1, StatusCode.InvalidArgument, "does not start with a letter or digit" },
        { "greet-kind", "no spaces", 1, StatusCode.InvalidArgument, "kind 'no spaces'" },
        { "greet-proto", "temperature", 0, StatusCode.FailedPrecondition, "protocol version 0 is not spoken by this collector, which speaks version 1" },
        { "greet-proto", "temperature", 2, StatusCode.FailedPrecondition, "protocol version 2 is not spoken" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task BadGreeting_IsRefusedWithItsStatusAndAMessageNamingTheProblem_AndTheOthersAreServed(string sensorId, string kind, uint protocol, StatusCode code, string fragment)
    {
        var error = await _collector.RefusedWhileOthersUploadAsync(() => _collector.Greeter.GreetAsync(IngestionCalls.Greeting(sensorId, kind, protocol)).ResponseAsync);

        Assert.Equal(code, error.StatusCode);
        Assert.Contains(fragment, error.Status.Detail, StringComparison.Ordinal);
    }
}
