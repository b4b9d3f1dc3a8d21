namespace Ingest.Dashboard.Tests.Infrastructure;

/// <summary>Waits for a condition with a deadline, instead of sleeping for a guessed time.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds, calling <paramref name="step"/> (e.g. advancing fake
    /// time) before each poll; fails the test when the deadline passes first.
    /// </summary>
    public static async Task WaitUntilAsync(Func<bool> condition, Action? step = null, TimeSpan? deadline = null)
    {
        var giveUpAt = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < giveUpAt, "The condition did not hold before the deadline.");
            step?.Invoke();
            await Task.Delay(TimeSpan.FromMilliseconds(1));
        }
    }

    /// <summary>Awaits <paramref name="task"/>, failing the test when it does not finish before the deadline.</summary>
    public static async Task<T> CompletesAsync<T>(Task<T> task, Action? step = null, TimeSpan? deadline = null)
    {
        await WaitUntilAsync(() => task.IsCompleted, step, deadline);
        return await task;
    }
}
