using System.Diagnostics;

namespace Nuage.Bench;

/// <summary>
/// PUT and GET of 4 KiB at concurrency 32 against one server's bucket, the load issue 14's throughput targets are
/// stated in. GETs read keys this instance wrote, so each server in a comparison reads its own objects.
/// With <paramref name="keySpace"/> 0, every PUT writes a new key; with N, PUTs cycle over N keys (overwrites, so a
/// versioned bucket accumulates versions as a backup tool's would) and GETs read those keys' current versions.
/// Overwrites carry fresh random bytes: rewriting a key with the bytes it already holds would flatter an in-place
/// update (SQLite skips writing the overflow pages of a same-size record whose bytes did not change), which a backup
/// tool re-sending changed files never sees.
/// </summary>
public sealed class PutGetLoad(S3BenchClient client, string bucket, byte[] body, string prefix = "metrics", int keySpace = 0)
{
    private const int Concurrency = 32;
    private int _written;

    /// <summary>PUTs completed by this instance, errors excluded: in a versioned bucket, the versions it created.</summary>
    public int Written => Volatile.Read(ref _written);

    /// <summary>Writes each of the <c>keySpace</c> keys once, so GETs find all of them before any timed PUT.</summary>
    public async Task FillAsync()
    {
        var next = 0;
        var fill = new LatencyRecorder("fill", body.Length);
        await Load.RunCountAsync(Concurrency, keySpace, async () =>
        {
            var n = Interlocked.Increment(ref next);
            await client.SendAsync(HttpMethod.Put, $"/{bucket}/{prefix}/{n:D8}", new ByteArrayContent(FreshBody()));
            Interlocked.Increment(ref _written);
        }, fill);
    }

    /// <summary>PUTs for <paramref name="seconds"/>: to new keys, or cycling over the key space.</summary>
    public async Task<LoadResult> PutAsync(double seconds)
    {
        var put = new LatencyRecorder("PUT 4 KiB c=32", body.Length);
        var issued = 0;
        var elapsed = await Load.RunForAsync(Concurrency, seconds, async _ =>
        {
            var n = keySpace > 0 ? (Interlocked.Increment(ref issued) - 1) % keySpace + 1 : Interlocked.Increment(ref _written);
            var payload = keySpace > 0 ? FreshBody() : body;
            var start = Stopwatch.GetTimestamp();
            await client.SendAsync(HttpMethod.Put, $"/{bucket}/{prefix}/{n:D8}", new ByteArrayContent(payload));
            put.Record(start);
            if (keySpace > 0)
            {
                Interlocked.Increment(ref _written);
            }
        }, put);
        return put.Result(elapsed);
    }

    /// <summary>GETs of keys written so far (or of the key space), chosen at random, for <paramref name="seconds"/>.</summary>
    public async Task<LoadResult> GetAsync(double seconds)
    {
        var get = new LatencyRecorder("GET 4 KiB c=32", body.Length);
        var elapsed = await Load.RunForAsync(Concurrency, seconds, async _ =>
        {
            var n = Random.Shared.Next(1, (keySpace > 0 ? keySpace : Volatile.Read(ref _written)) + 1);
            var start = Stopwatch.GetTimestamp();
            await client.SendAsync(HttpMethod.Get, $"/{bucket}/{prefix}/{n:D8}", null);
            get.Record(start);
        }, get);
        return get.Result(elapsed);
    }

    /// <summary>A body of the same length with new random bytes (a few microseconds, outside the timed request).</summary>
    private byte[] FreshBody()
    {
        var fresh = new byte[body.Length];
        Random.Shared.NextBytes(fresh);
        return fresh;
    }
}
