namespace Ingest.Dashboard.SensorConfig;

/// <summary>One line of progress on a terminal, rewritten in place and cleared before the result is printed.</summary>
internal sealed class ProgressLine
{
    private readonly TextWriter? _terminal;
    private int _length;

    /// <param name="terminal">Standard output when it is a terminal; null shows nothing.</param>
    public ProgressLine(TextWriter? terminal)
    {
        _terminal = terminal;
    }

    public void Show(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_terminal is null)
        {
            return;
        }

        _terminal.Write("\r" + text.PadRight(_length));
        _terminal.Flush();
        _length = text.Length;
    }

    public void Clear()
    {
        if (_terminal is null || _length == 0)
        {
            return;
        }

        _terminal.Write("\r" + new string(' ', _length) + "\r");
        _terminal.Flush();
        _length = 0;
    }
}
