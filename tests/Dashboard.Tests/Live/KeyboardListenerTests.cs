using Ingest.Dashboard.Live;
using Microsoft.Extensions.Time.Testing;

namespace Ingest.Dashboard.Tests.Live;

public sealed class KeyboardListenerTests
{
    [Theory]
    [InlineData('q', ConsoleKey.Q, (ConsoleModifiers)0, true)]
    [InlineData('Q', ConsoleKey.Q, ConsoleModifiers.Shift, true)]
    [InlineData('\u0003', ConsoleKey.C, ConsoleModifiers.Control, true)]
    [InlineData('c', ConsoleKey.C, (ConsoleModifiers)0, false)]
    [InlineData(' ', ConsoleKey.Spacebar, (ConsoleModifiers)0, false)]
    public void IsQuitKey_QuitsOnQAndCtrlC(char character, ConsoleKey key, ConsoleModifiers modifiers, bool expected) =>
        Assert.Equal(expected, KeyboardListener.IsQuitKey(new ConsoleKeyInfo(
            character, key, modifiers.HasFlag(ConsoleModifiers.Shift), modifiers.HasFlag(ConsoleModifiers.Alt), modifiers.HasFlag(ConsoleModifiers.Control))));

    [Fact]
    public async Task RunAsync_QAmongOtherKeys_Quits()
    {
        var keys = new Queue<ConsoleKeyInfo>([Key('x'), Key('y'), Key('q')]);
        var quit = false;

        await KeyboardListener.RunAsync(() => keys.Count > 0 ? keys.Dequeue() : null, () => quit = true, new FakeTimeProvider(), CancellationToken.None);

        Assert.True(quit);
    }

    [Fact]
    public async Task RunAsync_Cancelled_EndsQuietlyWithoutQuitting()
    {
        using var stop = new CancellationTokenSource();
        var quit = false;
        var run = KeyboardListener.RunAsync(() => null, () => quit = true, new FakeTimeProvider(), stop.Token);

        await stop.CancelAsync();
        await run;

        Assert.False(quit);
    }

    private static ConsoleKeyInfo Key(char c) => new(c, ConsoleKey.A, false, false, false);
}
