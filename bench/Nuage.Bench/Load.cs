using System.Diagnostics;

namespace Nuage.Bench;

/// <summary>Runs a request loop on N concurrent workers, for a duration or for a fixed number of operations.</summary>
public static class Load
{
    public static async Task<TimeSpan> RunForAsync(int workers, double seconds, Func<int, Task> operation, LatencyRecorder recorder)
    {
        var stopwatch = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        var tasks = Enumerable.Range(0, workers).Select(async worker =>
        {
            while (stopwatch.Elapsed < deadline)
            {
                try
                {
                    await operation(worker);
                }
                catch (HttpRequestException e)
                {
                    recorder.Error();
                    await Console.Error.WriteLineAsync(e.Message);
                }
            }
        });
        await Task.WhenAll(tasks);
        return stopwatch.Elapsed;
    }

    public static async Task<TimeSpan> RunCountAsync(int workers, int count, Func<Task> operation, LatencyRecorder recorder)
    {
        var stopwatch = Stopwatch.StartNew();
        var remaining = count;
        var tasks = Enumerable.Range(0, workers).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                try
                {
                    await operation();
                }
                catch (HttpRequestException e)
                {
                    recorder.Error();
                    await Console.Error.WriteLineAsync(e.Message);
                }
            }
        });
        await Task.WhenAll(tasks);
        return stopwatch.Elapsed;
    }
}
