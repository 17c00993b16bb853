using System.Diagnostics;
using System.Globalization;
using Nuage.Testing;

namespace Nuage.Bench;

/// <summary>
/// Issue 18's listing target: on each engine (SQLite in the data directory; PostgreSQL on a server of the bench's
/// own, synchronous_commit on), a bucket of 10,000 keys and one of --list-scale-keys (1,000,000) in the tree
/// logs/yyyy/mm/dd/host-H/file-F, loaded through <see cref="BulkKeyLoader"/>; then sequential ListObjectsV2 pages of
/// 1000, ListObjectVersions pages (a first page and two with a delimiter) and a ListMultipartUploads page with a
/// delimiter over 10,000 uploads in each bucket (spread over its keys, also bulk-loaded), each kind --rounds x 20 times
/// after a warm-up, reported as p50/p99 in ms and as the ratio of the large bucket's p50 to the small one's. Target:
/// every p50 under 10 ms at a million keys and within 2x of the same page at 10,000.
/// <para>
/// With --baseline-dll, another build (the previous main) runs as a second node on the same PostgreSQL database and
/// each page is timed on it right after the current server's, so the pair shares the machine's load of the moment
/// (SQLite has one writer per data directory, so the baseline runs on PostgreSQL only).
/// </para>
/// </summary>
public static class ListingScaleScenario
{
    private const int SmallBucketKeys = 10_000;
    private const int Uploads = 10_000;

    public static async Task RunAsync(BenchOptions options)
    {
        Console.WriteLine($"listing at scale: {SmallBucketKeys:N0} and {options.ListScaleKeys:N0} keys, pages of 1000, {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"engine",-9} {"page",-28} {"p50 small",10} {"p99 small",10} {"p50 large",10} {"p99 large",10} {"large/small",12}");
        foreach (string engine in new[] { "sqlite", "postgres" })
        {
            PostgresCluster? cluster = engine == "postgres" ? await PostgresCluster.StartNewAsync(options.PostgresSettings) : null;
            try
            {
                await using var server = await LocalServer.StartAsync(options, cluster?.Url);
                var signer = new SigV4Signer(options.AccessKey, options.SecretKey);
                using var client = new S3BenchClient(server.Endpoint, signer, 4);
                await using var baseline = cluster is null || options.BaselineDll is null
                    ? null : await LocalServer.StartBaselineAsync(options, options.BaselineDll, metadata: cluster.Url);
                using var baselineClient = baseline is null ? null : new S3BenchClient(baseline.Endpoint, signer, 4);
                var small = await FillAsync(client, server, cluster, "list-small", SmallBucketKeys);
                var large = await FillAsync(client, server, cluster, "list-large", options.ListScaleKeys);
                // Every page of both buckets once over before any is timed, so the server's JIT has reached its
                // optimised code and both engines' caches are warm for the whole run, not just the first kind timed.
                foreach (var (_, smallQuery, largeQuery) in Pages(SmallBucketKeys, options.ListScaleKeys))
                {
                    foreach (var warm in baselineClient is null ? [client] : new[] { client, baselineClient })
                    {
                        await MeasureAsync(warm, small, smallQuery, 30);
                        await MeasureAsync(warm, large, largeQuery, 30);
                    }
                }

                foreach (var (page, smallQuery, largeQuery) in Pages(SmallBucketKeys, options.ListScaleKeys))
                {
                    var a = await MeasureAsync(client, small, smallQuery, options.Rounds * 20);
                    var b = await MeasureAsync(client, large, largeQuery, options.Rounds * 20);
                    Console.WriteLine($"{engine,-9} {page,-28} {a.P50,10:F2} {a.P99,10:F2} {b.P50,10:F2} {b.P99,10:F2} {b.P50 / a.P50,11:F2}x");
                    if (baselineClient is not null)
                    {
                        var c = await MeasureAsync(baselineClient, small, smallQuery, options.Rounds * 20);
                        var d = await MeasureAsync(baselineClient, large, largeQuery, options.Rounds * 20);
                        Console.WriteLine($"{"baseline",-9} {page,-28} {c.P50,10:F2} {c.P99,10:F2} {d.P50,10:F2} {d.P99,10:F2} {d.P50 / c.P50,11:F2}x");
                    }
                }
            }
            finally
            {
                if (cluster is not null)
                {
                    await cluster.DisposeAsync();
                }
            }
        }
    }

    /// <summary>
    /// Each page kind as a query on the small and on the large bucket (prefixes taken from the middle key), written
    /// in SigV4's canonical form (names sorted, values escaped) as the bench's signer signs the query as given.
    /// </summary>
    private static IEnumerable<(string Page, string Small, string Large)> Pages(long smallKeys, long largeKeys)
    {
        static string Query(string? delimiter = null, string? prefix = null, string? startAfter = null)
        {
            var parts = new List<string>();
            if (delimiter is not null)
            {
                parts.Add("delimiter=" + Uri.EscapeDataString(delimiter));
            }

            parts.Add("list-type=2");
            parts.Add("max-keys=1000");
            if (prefix is not null)
            {
                parts.Add("prefix=" + Uri.EscapeDataString(prefix));
            }

            if (startAfter is not null)
            {
                parts.Add("start-after=" + Uri.EscapeDataString(startAfter));
            }

            return "?" + string.Join('&', parts);
        }

        yield return ("first page", Query(), Query());
        yield return ("deep page (middle)", Query(startAfter: BulkKeyLoader.Key(smallKeys / 2)), Query(startAfter: BulkKeyLoader.Key(largeKeys / 2)));
        yield return ("prefix logs/yyyy/mm/", Query(prefix: BulkKeyLoader.MonthOf(smallKeys / 2)), Query(prefix: BulkKeyLoader.MonthOf(largeKeys / 2)));
        yield return ("delimiter at logs/", Query("/", "logs/"), Query("/", "logs/"));
        yield return ("delimiter at logs/yyyy/mm/",
            Query("/", BulkKeyLoader.MonthOf(smallKeys / 2)), Query("/", BulkKeyLoader.MonthOf(largeKeys / 2)));
        yield return ("versions, first page", "?max-keys=1000&versions=", "?max-keys=1000&versions=");

        // ListObjectVersions and ListMultipartUploads with a delimiter: the parameters in canonical (sorted) order.
        static string VersionsQuery(string prefix) => "?delimiter=%2F&max-keys=1000&prefix=" + Uri.EscapeDataString(prefix) + "&versions=";
        static string UploadsQuery(string prefix) => "?delimiter=%2F&max-uploads=1000&prefix=" + Uri.EscapeDataString(prefix) + "&uploads=";
        yield return ("versions, delimiter at logs/", VersionsQuery("logs/"), VersionsQuery("logs/"));
        yield return ("versions, delim. logs/yyyy/mm/",
            VersionsQuery(BulkKeyLoader.MonthOf(smallKeys / 2)), VersionsQuery(BulkKeyLoader.MonthOf(largeKeys / 2)));
        yield return ("uploads, delim. logs/yyyy/mm/",
            UploadsQuery(BulkKeyLoader.MonthOf(smallKeys / 2)), UploadsQuery(BulkKeyLoader.MonthOf(largeKeys / 2)));
    }

    private static async Task<string> FillAsync(S3BenchClient client, LocalServer server, PostgresCluster? cluster, string name, long keys)
    {
        string bucket = name + "-" + DateTime.UtcNow.ToString("HHmmssfff", CultureInfo.InvariantCulture);
        await client.SendAsync(HttpMethod.Put, "/" + bucket, null);
        const string template = "template";
        await client.SendAsync(HttpMethod.Put, $"/{bucket}/{template}", new ByteArrayContent(new byte[1024]));
        var started = Stopwatch.GetTimestamp();
        if (cluster is null)
        {
            BulkKeyLoader.LoadSqlite(Path.Combine(server.DataDirectory, "metadata.db"), bucket, template, keys);
        }
        else
        {
            BulkKeyLoader.LoadPostgres(cluster.Url, bucket, template, keys);
        }

        Console.WriteLine($"  loaded {keys:N0} keys into {bucket} in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");

        // The template upload's rows are copied as the keys' are (the bucket's uploads are otherwise none).
        await client.SendAsync(HttpMethod.Post, $"/{bucket}/{template}?uploads=", null);
        started = Stopwatch.GetTimestamp();
        if (cluster is null)
        {
            BulkKeyLoader.LoadUploadsSqlite(Path.Combine(server.DataDirectory, "metadata.db"), bucket, template, Uploads, keys);
        }
        else
        {
            BulkKeyLoader.LoadUploadsPostgres(cluster.Url, bucket, template, Uploads, keys);
        }

        Console.WriteLine($"  loaded {Uploads:N0} uploads into {bucket} in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        return bucket;
    }

    private static async Task<(double P50, double P99)> MeasureAsync(S3BenchClient client, string bucket, string query, int count)
    {
        for (int i = 0; i < 5; i++)
        {
            await client.SendAsync(HttpMethod.Get, "/" + bucket + query, null);
        }

        var samples = new List<double>(count);
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await client.SendAsync(HttpMethod.Get, "/" + bucket + query, null);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return (Stats.Percentile(samples, 0.5), Stats.Percentile(samples, 0.99));
    }
}
