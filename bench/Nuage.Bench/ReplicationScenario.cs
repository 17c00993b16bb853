using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Nuage.Bench;

/// <summary>
/// Issue 17's replication targets: three regions (paris, dubai, singapore) started here on loopback with one federation
/// file; a versioned bucket in paris replicating to one in dubai; 4 KiB PUTs into it at fixed rates (open loop: each
/// PUT starts at its scheduled time, whatever the previous ones do), each rate for --seconds. Per rate it prints the
/// rate achieved, the PUT latency, the replication lag p50/p99 (seconds from the commit in paris to the commit in
/// dubai, from paris's nuage_replication_lag_seconds histogram, interpolated within its buckets as Prometheus's
/// histogram_quantile does), the backlog at the end of the PUTs (a rate at which it stays near zero is sustained),
/// and how long it took to drain.
/// </summary>
public static class ReplicationScenario
{
    private static readonly double[] Rates = [250, 500, 1000, 1500, 2000];

    public static async Task RunAsync(BenchOptions options)
    {
        string[] names = ["paris", "dubai", "singapore"];
        var ports = names.ToDictionary(n => n, _ => (S3: FreePort(), Console: FreePort()));
        var directory = Path.Combine(Path.GetTempPath(), "nuage-bench-federation-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "federation.yml");
        await File.WriteAllTextAsync(file, "control: paris\nregions:\n" + string.Concat(names.Select(n =>
            $"  - name: {n}\n    s3: http://127.0.0.1:{ports[n].S3}\n    console: http://127.0.0.1:{ports[n].Console}\n")));
        var servers = await Task.WhenAll(names.Select(n => LocalServer.StartRegionAsync(options, n, file, ports[n].S3, ports[n].Console)));
        try
        {
            var paris = servers[0];
            var signer = new SigV4Signer(options.AccessKey, options.SecretKey);
            using var source = new S3BenchClient(paris.Endpoint, signer, 128);
            using var destination = new S3BenchClient(servers[1].Endpoint, signer, 8);
            string stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            string from = "bench-repl-src-" + stamp, to = "bench-repl-dst-" + stamp;
            await source.SendAsync(HttpMethod.Put, "/" + from, null);
            await destination.SendAsync(HttpMethod.Put, "/" + to, null);
            var versioning = "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>Enabled</Status></VersioningConfiguration>";
            await source.SendAsync(HttpMethod.Put, $"/{from}?versioning", Xml(versioning));
            await destination.SendAsync(HttpMethod.Put, $"/{to}?versioning", Xml(versioning));
            await source.SendAsync(HttpMethod.Put, $"/{from}?replication", Xml(
                "<ReplicationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Role>r</Role><Rule><ID>bench</ID><Priority>1</Priority>" +
                $"<Filter><Prefix></Prefix></Filter><Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::{to}</Bucket></Destination>" +
                "<DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication></Rule></ReplicationConfiguration>"));
            Console.WriteLine($"replication: paris {paris.Endpoint} -> dubai {servers[1].Endpoint}, 4 KiB PUTs, {options.Seconds:F0} s per rate, {Environment.ProcessorCount} cores");

            using var scraper = new MetricsScraper(paris.ConsoleEndpoint!);
            var body = new byte[4096];
            Random.Shared.NextBytes(body);
            await PutAtRateAsync(source, from, "warmup", body, 200, options.WarmupSeconds);
            await WaitDrainedAsync(scraper, TimeSpan.FromMinutes(2));
            foreach (var rate in Rates)
            {
                var before = await LagBucketsAsync(scraper);
                var (achieved, recorder, elapsed) = await PutAtRateAsync(source, from, "r" + rate, body, rate, options.Seconds);
                double backlogAtEnd = await BacklogAsync(scraper);
                var drain = Stopwatch.StartNew();
                bool drained = await WaitDrainedAsync(scraper, TimeSpan.FromMinutes(2));
                var after = await LagBucketsAsync(scraper);
                var delta = after.Select((b, i) => (b.Bound, Count: b.Count - (i < before.Count ? before[i].Count : 0))).ToList();
                var put = recorder.Result(elapsed);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"rate {rate,5:F0}/s  achieved {achieved,7:F0}/s  PUT p50 {put.P50Millis,7:F2} ms p99 {put.P99Millis,8:F2} ms  lag p50 {Quantile(delta, 0.50),6:F3} s p99 {Quantile(delta, 0.99),6:F3} s  " +
                    $"backlog at end {backlogAtEnd,7:F0}  drained in {(drained ? drain.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s" : "> 120 s")}  errors {put.Errors}"));
            }
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Open loop: PUT number i starts at i / rate seconds, so a slow server shows as latency and backlog, not as a lower offered rate.</summary>
    private static async Task<(double Achieved, LatencyRecorder Recorder, TimeSpan Elapsed)> PutAtRateAsync(
        S3BenchClient client, string bucket, string prefix, byte[] body, double rate, double seconds)
    {
        var recorder = new LatencyRecorder(prefix, body.Length);
        int total = (int)(rate * seconds);
        var clock = Stopwatch.StartNew();
        var inflight = new List<Task>(total);
        for (int i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            int n = i;
            inflight.Add(Task.Run(async () =>
            {
                long started = Stopwatch.GetTimestamp();
                try
                {
                    await client.SendAsync(HttpMethod.Put, $"/{bucket}/{prefix}/{n % 1000}", new ByteArrayContent(body));
                    recorder.Record(started);
                }
                catch (HttpRequestException)
                {
                    recorder.Error();
                }
            }));
        }

        await Task.WhenAll(inflight);
        var elapsed = clock.Elapsed;
        return (recorder.Count / elapsed.TotalSeconds, recorder, elapsed);
    }

    private static async Task<bool> WaitDrainedAsync(MetricsScraper scraper, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (await BacklogAsync(scraper) == 0)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    private static async Task<double> BacklogAsync(MetricsScraper scraper)
    {
        var (_, body) = await scraper.ScrapeAsync();
        return Encoding.UTF8.GetString(body).Split('\n')
            .Where(l => l.StartsWith("nuage_replication_backlog_objects{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>The cumulative buckets of nuage_replication_lag_seconds (all rules), by upper bound.</summary>
    private static async Task<List<(double Bound, double Count)>> LagBucketsAsync(MetricsScraper scraper)
    {
        var (_, body) = await scraper.ScrapeAsync();
        return Encoding.UTF8.GetString(body).Split('\n')
            .Where(l => l.StartsWith("nuage_replication_lag_seconds_bucket{", StringComparison.Ordinal))
            .Select(l =>
            {
                // "le" after a comma or the brace: the rule label's own name ends in "le" too.
                int le = Math.Max(l.IndexOf(",le=\"", StringComparison.Ordinal), l.IndexOf("{le=\"", StringComparison.Ordinal)) + 5;
                string bound = l[le..l.IndexOf('"', le)];
                return (Bound: bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture),
                    Count: double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
            })
            .GroupBy(b => b.Bound)
            .Select(g => (g.Key, g.Sum(b => b.Count)))
            .OrderBy(b => b.Key)
            .ToList();
    }

    /// <summary>histogram_quantile over cumulative buckets: linear within the bucket the rank falls in.</summary>
    private static double Quantile(List<(double Bound, double Count)> buckets, double q)
    {
        if (buckets.Count == 0 || buckets[^1].Count <= 0)
        {
            return double.NaN;
        }

        double rank = q * buckets[^1].Count;
        double lowerBound = 0, lowerCount = 0;
        foreach (var (bound, count) in buckets)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(bound))
                {
                    return lowerBound;
                }

                return lowerBound + ((bound - lowerBound) * (count - lowerCount == 0 ? 1 : (rank - lowerCount) / (count - lowerCount)));
            }

            (lowerBound, lowerCount) = (bound, count);
        }

        return lowerBound;
    }

    private static ByteArrayContent Xml(string text) => new(Encoding.UTF8.GetBytes(text));

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
