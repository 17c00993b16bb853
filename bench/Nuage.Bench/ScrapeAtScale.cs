using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Nuage.Bench;

/// <summary>
/// Issue 14's target "a scrape takes under 50 ms with 1,000 buckets": creates that many buckets, each with one
/// small object so its per-bucket gauges are not all zeros, then times sequential scrapes of the idle server and
/// checks the body holds a nuage_bucket_objects series per bucket. --metrics-buckets changes the count, to see
/// how scrape time and the scraper's cost under load grow with it.
/// </summary>
public static class ScrapeAtScale
{
    private const int Scrapes = 50;

    /// <summary>Unmeasured first scrapes: the first runs the collectors' code cold (JIT, first queries).</summary>
    private const int WarmScrapes = 3;

    private const string SeriesPrefix = "nuage_bucket_objects{";

    public static async Task RunAsync(S3BenchClient client, MetricsScraper scraper, string prefix, byte[] body, int buckets)
    {
        var created = 0;
        var fill = new LatencyRecorder("create buckets", 0);
        var elapsed = await Load.RunCountAsync(16, buckets, async () =>
        {
            var name = $"{prefix}-m{Interlocked.Increment(ref created):D4}";
            await client.SendAsync(HttpMethod.Put, "/" + name, null);
            await client.SendAsync(HttpMethod.Put, $"/{name}/one", new ByteArrayContent(body, 0, 16));
        }, fill);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"metrics: created {buckets} buckets of one object each in {elapsed.TotalSeconds:F1} s"));

        for (var i = 0; i < WarmScrapes; i++)
        {
            await scraper.ScrapeAsync();
        }

        var millis = new List<double>(Scrapes);
        var last = Array.Empty<byte>();
        for (var i = 0; i < Scrapes; i++)
        {
            (var ms, last) = await scraper.ScrapeAsync();
            millis.Add(ms);
        }

        var (series, nonZero) = CountBucketSeries(Encoding.UTF8.GetString(last));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scrape idle, {buckets} buckets: {Scrapes} sequential  p50 {Stats.Percentile(millis, 0.50),7:F2} ms  p99 {Stats.Percentile(millis, 0.99),7:F2} ms  max {Stats.Max(millis),7:F2} ms  body {last.Length / 1024.0:F1} KiB  (issue 14: under 50 ms)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scrape idle, {buckets} buckets: {series} {SeriesPrefix}...}} series, {nonZero} non-zero (expected at least {buckets})"));
        if (series < buckets || nonZero < buckets)
        {
            await Console.Error.WriteLineAsync($"metrics: fewer than {buckets} per-bucket series with objects in the scrape");
        }
    }

    /// <summary>Series lines of nuage_bucket_objects (comments start with '#'), and those whose value is not zero.</summary>
    private static (int Series, int NonZero) CountBucketSeries(string text)
    {
        var series = 0;
        var nonZero = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(SeriesPrefix, StringComparison.Ordinal))
            {
                series++;
                var value = line[(line.LastIndexOf(' ') + 1)..];
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var objects) && objects != 0)
                {
                    nonZero++;
                }
            }
        }

        return (series, nonZero);
    }
}
