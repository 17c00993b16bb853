using System.Diagnostics;

namespace Nuage.Bench;

/// <summary>
/// PUT and GET of 4 KiB at concurrency 32 against one server's bucket, the load issue 14's throughput targets are
/// stated in. GETs read keys this instance wrote, so each server in a comparison reads its own objects.
/// </summary>
public sealed class PutGetLoad(S3BenchClient client, string bucket, byte[] body)
{
    private const int Concurrency = 32;
    private int _written;

    /// <summary>Ops/s of PUTs to new keys for <paramref name="seconds"/>.</summary>
    public async Task<double> PutAsync(double seconds)
    {
        var put = new LatencyRecorder("PUT 4 KiB c=32", body.Length);
        var elapsed = await Load.RunForAsync(Concurrency, seconds, async _ =>
        {
            var n = Interlocked.Increment(ref _written);
            var start = Stopwatch.GetTimestamp();
            await client.SendAsync(HttpMethod.Put, $"/{bucket}/metrics/{n:D8}", new ByteArrayContent(body));
            put.Record(start);
        }, put);
        return put.Count / elapsed.TotalSeconds;
    }

    /// <summary>Ops/s of GETs of keys written so far, chosen at random, for <paramref name="seconds"/>.</summary>
    public async Task<double> GetAsync(double seconds)
    {
        var get = new LatencyRecorder("GET 4 KiB c=32", body.Length);
        var elapsed = await Load.RunForAsync(Concurrency, seconds, async _ =>
        {
            var n = Random.Shared.Next(1, Volatile.Read(ref _written) + 1);
            var start = Stopwatch.GetTimestamp();
            await client.SendAsync(HttpMethod.Get, $"/{bucket}/metrics/{n:D8}", null);
            get.Record(start);
        }, get);
        return get.Count / elapsed.TotalSeconds;
    }
}
