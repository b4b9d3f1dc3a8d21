namespace Ingest.Testing;

/// <summary>Waits for a condition with a deadline, instead of sleeping for a guessed time.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds, calling <paramref name="step"/> (e.g. advancing fake
    /// time) before each new poll; throws a <see cref="TimeoutException"/> naming <paramref name="what"/> when
    /// <paramref name="timeout"/> passes first.
    /// </summary>
    public static Task UntilAsync(
        Func<bool> condition, string what = "the condition holds", TimeSpan? timeout = null, Action? step = null, TimeSpan? poll = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout, step, poll);

    /// <inheritdoc cref="UntilAsync(Func{bool}, string, TimeSpan?, Action?, TimeSpan?)"/>
    public static async Task UntilAsync(
        Func<Task<bool>> condition, string what = "the condition holds", TimeSpan? timeout = null, Action? step = null, TimeSpan? poll = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? DefaultTimeout;
        var giveUpAt = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > giveUpAt)
            {
                throw new TimeoutException($"Timed out after {limit} waiting until {what}.");
            }

            step?.Invoke();
            await Task.Delay(poll ?? DefaultPoll);
        }
    }

    /// <summary>Awaits <paramref name="task"/>, failing when it does not finish before the timeout.</summary>
    public static async Task CompletesAsync(Task task, Action? step = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        await UntilAsync(() => task.IsCompleted, "the awaited task completes", timeout, step);
        await task;
    }

    /// <inheritdoc cref="CompletesAsync(Task, Action?, TimeSpan?)"/>
    public static async Task<T> CompletesAsync<T>(Task<T> task, Action? step = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        await UntilAsync(() => task.IsCompleted, "the awaited task completes", timeout, step);
        return await task;
    }
}
