using Ingest.Collector.Tests.TestDoubles;

namespace Ingest.Collector.Tests.Infrastructure;

/// <summary>Waits for a condition to hold, failing with what was awaited once the test deadline passes.</summary>
internal static class Eventually
{
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TestDeadline.Timeout);
        while (!condition())
        {
            try
            {
                await Task.Delay(10, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out after {TestDeadline.Timeout} waiting until {what}.");
            }
        }
    }
}
