using System.Diagnostics;
using System.Globalization;

namespace Ingest.LoadBenchmark.Measurement;

/// <summary>The clock ticks per second that <c>/proc</c> counts CPU time in (<c>getconf CLK_TCK</c>; 100 when it cannot be asked).</summary>
internal static class ClockTicks
{
    private static readonly Lazy<long> Value = new(Query);

    public static long PerSecond => Value.Value;

    private static long Query()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true, UseShellExecute = false });
            if (getconf is null)
            {
                return 100;
            }

            var text = getconf.StandardOutput.ReadToEnd().Trim();
            getconf.WaitForExit();
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks > 0 ? ticks : 100;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 100; // No getconf: Linux's USER_HZ is 100 everywhere it runs.
        }
    }
}
