using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Nuage.Bench;

/// <summary>
/// Issue 15's encryption target: SSE-S3 GET of 64 MiB reaches at least 70% of the unencrypted GET measured in the
/// same run. Two buckets, one with an AES256 default encryption (so the objects are written exactly as the plain
/// ones, with no extra header to sign), the same objects in each, then rounds of GET at concurrency 4 whose order
/// rotates, so drift in the machine's speed lands on both alike. Also one PUT pass of each, for the write cost.
/// </summary>
public static class SseScenario
{
    private const int Objects = 4;
    private const int Concurrency = 4;

    public static async Task RunAsync(S3BenchClient client, BenchOptions options, string bucket, byte[] large)
    {
        var plainBucket = bucket + "-plain";
        var sseBucket = bucket + "-sse";
        await client.SendAsync(HttpMethod.Put, "/" + plainBucket, null);
        await client.SendAsync(HttpMethod.Put, "/" + sseBucket, null);
        await client.SendAsync(HttpMethod.Put, "/" + sseBucket + "?encryption", new ByteArrayContent(Encoding.UTF8.GetBytes(
            "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm>"
            + "</ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sse: {Objects} objects of {large.Length / (1024 * 1024)} MiB per bucket; {options.Rounds} rounds of {options.Seconds:F0} s GET c={Concurrency} per condition"));

        foreach (var (name, target) in new[] { ("plain", plainBucket), ("SSE-S3", sseBucket) })
        {
            var put = new LatencyRecorder($"PUT 64 MiB c={Concurrency} {name}", large.Length);
            var next = 0;
            var elapsed = await Load.RunCountAsync(Concurrency, Objects, async () =>
            {
                var n = Interlocked.Increment(ref next);
                var start = Stopwatch.GetTimestamp();
                await client.SendAsync(HttpMethod.Put, $"/{target}/large/{n:D4}", new ReadOnlyMemoryContent(large));
                put.Record(start);
            }, put);
            Console.WriteLine(put.Report(elapsed));
        }

        var rates = new Dictionary<string, List<double>> { ["plain"] = [], ["SSE-S3"] = [] };
        for (var round = 0; round < options.Rounds; round++)
        {
            var order = round % 2 == 0 ? new[] { ("plain", plainBucket), ("SSE-S3", sseBucket) } : new[] { ("SSE-S3", sseBucket), ("plain", plainBucket) };
            foreach (var (name, target) in order)
            {
                var get = new LatencyRecorder($"GET 64 MiB c={Concurrency} {name}", large.Length);
                var elapsed = await Load.RunForAsync(Concurrency, options.Seconds, async _ =>
                {
                    var n = Random.Shared.Next(1, Objects + 1);
                    var start = Stopwatch.GetTimestamp();
                    await client.SendAsync(HttpMethod.Get, $"/{target}/large/{n:D4}", null);
                    get.Record(start);
                }, get);
                rates[name].Add(get.Count * (double)large.Length / (1024 * 1024) / elapsed.TotalSeconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"sse round {round + 1}/{options.Rounds}  {name,-6}  GET {rates[name][^1],8:F0} MiB/s   ({get.Report(elapsed)})"));
            }
        }

        var plain = Stats.Median(rates["plain"]);
        var sse = Stats.Median(rates["SSE-S3"]);
        var perRound = rates["SSE-S3"].Zip(rates["plain"], (s, p) => s / p).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GET 64 MiB c={Concurrency}, median of {options.Rounds}: plain {plain,8:F0} MiB/s   SSE-S3 {sse,8:F0} MiB/s   "
            + $"SSE-S3/plain {sse / plain:P1} (rounds {perRound.Min():P1} to {perRound.Max():P1}; issue 15: at least 70%)"));
    }
}
