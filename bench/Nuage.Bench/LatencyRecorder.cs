using System.Diagnostics;
using System.Globalization;

namespace Nuage.Bench;

/// <summary>Collects per-request latencies of one scenario and prints ops/s, MB/s, p50 and p99.</summary>
public sealed class LatencyRecorder(string name, long bytesPerOp)
{
    private readonly List<double> _millis = new(1 << 16);
    private readonly Lock _gate = new();
    private long _errors;

    public void Record(long startTimestamp)
    {
        var ms = Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
        lock (_gate)
        {
            _millis.Add(ms);
        }
    }

    public void Error() => Interlocked.Increment(ref _errors);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _millis.Count;
            }
        }
    }

    /// <summary>Ops/s, p50 and p99 (ms) and errors, for scenarios that tabulate rounds rather than print each run.</summary>
    public LoadResult Result(TimeSpan elapsed)
    {
        double[] sorted;
        lock (_gate)
        {
            sorted = [.. _millis];
        }

        Array.Sort(sorted);
        return new LoadResult(sorted.Length / elapsed.TotalSeconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99), Interlocked.Read(ref _errors));
    }

    public string Report(TimeSpan elapsed)
    {
        double[] sorted;
        lock (_gate)
        {
            sorted = [.. _millis];
        }

        Array.Sort(sorted);
        var ops = sorted.Length / elapsed.TotalSeconds;
        var mbs = ops * bytesPerOp / (1024.0 * 1024.0);
        return string.Create(CultureInfo.InvariantCulture,
            $"{name,-22} {sorted.Length,8} ops {elapsed.TotalSeconds,6:F1} s {ops,10:F0} ops/s {mbs,9:F1} MiB/s  p50 {Percentile(sorted, 0.50),8:F2} ms  p99 {Percentile(sorted, 0.99),8:F2} ms  errors {_errors}");
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}

/// <summary>One timed run's throughput, latency percentiles (ms, nearest rank) and failed requests.</summary>
public readonly record struct LoadResult(double OpsPerSecond, double P50Millis, double P99Millis, long Errors);
