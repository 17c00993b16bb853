using System.Diagnostics;
using System.Globalization;

namespace Nuage.Bench;

/// <summary>
/// Where a scenario's CPU went, per operation: the server process, this benchmark process, and everything else on the
/// machine (a PostgreSQL server under --metadata postgres, mostly). On a 2-core machine the three share the cores,
/// so throughput is bounded by their sum: 10,000 ops/s needs at most 200 µs of CPU per operation in all.
/// </summary>
public sealed class CpuSplit
{
    // USER_HZ, the unit of /proc/stat's counters (proc(5)).
    private const double TicksPerSecond = 100;

    private readonly int? _serverPid;
    private readonly double? _server;
    private readonly double _bench;
    private readonly double? _machine;

    private CpuSplit(int? serverPid)
    {
        _serverPid = serverPid;
        _server = ServerCpu.Seconds(serverPid);
        _bench = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        _machine = MachineBusySeconds();
    }

    public static CpuSplit Start(int? serverPid) => new(serverPid);

    /// <summary>"cpu/op server 105 µs  bench 55 µs  other 60 µs  idle 5%", or an empty string where /proc is missing.</summary>
    public string Report(long operations, TimeSpan elapsed)
    {
        var machine = MachineBusySeconds();
        if (operations == 0 || _machine is null || machine is null)
        {
            return string.Empty;
        }

        double PerOp(double seconds) => seconds * 1e6 / operations;
        var busy = machine.Value - _machine.Value;
        var bench = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - _bench;
        var server = _server is { } before && ServerCpu.Seconds(_serverPid) is { } after ? after - before : double.NaN;
        var other = busy - bench - (double.IsNaN(server) ? 0 : server);
        var idle = 1 - (busy / (elapsed.TotalSeconds * Environment.ProcessorCount));
        return string.Create(CultureInfo.InvariantCulture,
            $"  cpu/op server {PerOp(server),4:F0} µs  bench {PerOp(bench),4:F0} µs  other {PerOp(other),4:F0} µs  idle {Math.Max(0, idle) * 100,3:F0}%");
    }

    /// <summary>Busy CPU seconds of the whole machine: /proc/stat's first line less idle and iowait.</summary>
    private static double? MachineBusySeconds()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long total = 0;
            for (int i = 1; i < Math.Min(fields.Length, 9); i++)
            {
                total += long.Parse(fields[i], CultureInfo.InvariantCulture);
            }

            var idle = long.Parse(fields[4], CultureInfo.InvariantCulture) + long.Parse(fields[5], CultureInfo.InvariantCulture);
            return (total - idle) / TicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
