using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Ingest.Dashboard.Hosting;

/// <summary>Standard output for streams of lines.</summary>
internal static class StandardOutput
{
    /// <summary>
    /// A writer on standard output that fails with <see cref="IOException"/> once the reader has gone away (e.g.
    /// <c>| head</c>), so that a stream of lines ends instead of writing into the void: the console stream
    /// swallows a broken pipe. Falls back to <see cref="Console.Out"/> on Windows.
    /// </summary>
    public static TextWriter OpenForLines(int bufferSize = 1 << 14)
    {
        if (OperatingSystem.IsWindows())
        {
            return Console.Out;
        }

        var stream = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        return new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize);
    }
}
