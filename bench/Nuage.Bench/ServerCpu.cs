using System.Globalization;

namespace Nuage.Bench;

/// <summary>
/// CPU time the server process has used (user + system, all threads), from Linux's /proc/PID/stat. CPU per operation
/// does not depend on what else shares the machine, as throughput does: on a machine busy with other builds two
/// conditions' ops/s drift by ±30% from round to round, while their CPU per operation stays put.
/// </summary>
public static class ServerCpu
{
    // USER_HZ, the unit of utime and stime: 100 on every Linux architecture .NET runs on (proc(5)).
    private const double TicksPerSecond = 100;

    /// <summary>Seconds of CPU used so far, or null when there is no such process or no /proc.</summary>
    public static double? Seconds(int? pid)
    {
        if (pid is null)
        {
            return null;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");

            // "pid (comm) state ppid ...": comm may hold spaces, so fields are counted after the last ')'. utime and
            // stime are fields 14 and 15, the 12th and 13th after it.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
