using System.Globalization;

namespace Nuage.Bench;

/// <summary>
/// Issue 14's targets for metrics. First a scrape's time with 1,000 buckets (--metrics-buckets) (<see cref="ScrapeAtScale"/>), then
/// PUT and GET of 4 KiB at concurrency 32 with a scraper polling /metrics once a second and without, in rounds that
/// rotate which condition goes first (so drift in the machine's speed lands on all alike), with medians and ratios.
/// The buckets are made first so the scraper under load reads the large registry, the dearer case. Given
/// --baseline-dll, another build (say the previous main) joins the rounds unscraped: its ratio is what the
/// observability work as a whole (metrics and request logging) costs.
/// </summary>
public static class MetricsScenario
{
    private const string Scraped = "current+scraper";
    private const string Current = "current";
    private const string Baseline = "baseline";

    public static async Task RunAsync(S3BenchClient client, Uri console, BenchOptions options, string bucket, byte[] body)
    {
        using var scraper = new MetricsScraper(console);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"metrics: scraping {scraper.Metrics}  server log level {options.ServerLogLevel ?? "(server default)"}  {options.Rounds} rounds of {options.Seconds:F0} s per PUT and per GET"));
        await ScrapeAtScale.RunAsync(client, scraper, bucket, body, options.MetricsBuckets);

        var current = new PutGetLoad(client, bucket, body);
        var conditions = new List<Condition> { new(Scraped, current, true), new(Current, current, false) };
        await using var baselineServer = options.BaselineDll is null ? null : await LocalServer.StartBaselineAsync(options, options.BaselineDll);
        using var baselineClient = baselineServer is null
            ? null
            : new S3BenchClient(baselineServer.Endpoint, new SigV4Signer(options.AccessKey, options.SecretKey), 64);
        if (baselineClient is not null)
        {
            Console.WriteLine($"metrics: baseline {options.BaselineDll} at {baselineClient.Endpoint}");
            await baselineClient.SendAsync(HttpMethod.Put, "/" + bucket, null);
            await WarmUpAsync(baselineClient, bucket, body, options.WarmupSeconds);
            conditions.Add(new(Baseline, new PutGetLoad(baselineClient, bucket, body), false));
        }

        // Warmed again, though Program.cs did: in smoke runs the first phase after the bucket fill ran at half speed,
        // and whichever condition went first in round 1 would carry it.
        await WarmUpAsync(client, bucket, body, options.WarmupSeconds);

        var put = conditions.ToDictionary(c => c.Name, _ => new List<double>());
        var get = conditions.ToDictionary(c => c.Name, _ => new List<double>());
        for (var round = 0; round < options.Rounds; round++)
        {
            for (var i = 0; i < conditions.Count; i++)
            {
                var condition = conditions[(round + i) % conditions.Count];
                var scrapesBefore = scraper.PolledMillis.Count;
                using var stop = new CancellationTokenSource();
                var polling = condition.Scraped ? scraper.PollAsync(stop.Token) : Task.CompletedTask;
                var putRate = (await condition.Load.PutAsync(options.Seconds)).OpsPerSecond;
                var getRate = (await condition.Load.GetAsync(options.Seconds)).OpsPerSecond;
                await stop.CancelAsync();
                await polling;
                put[condition.Name].Add(putRate);
                get[condition.Name].Add(getRate);
                var scrapes = condition.Scraped ? $"  ({scraper.PolledMillis.Count - scrapesBefore} scrapes)" : "";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"metrics round {round + 1}/{options.Rounds}  {condition.Name,-16} PUT {putRate,8:F0} ops/s   GET {getRate,8:F0} ops/s{scrapes}"));
            }
        }

        foreach (var (op, rates) in new[] { ("PUT", put), ("GET", get) })
        {
            var medians = string.Join("   ", conditions.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name} {Stats.Median(rates[c.Name]),8:F0} ops/s")));
            Console.WriteLine($"{op} 4 KiB c=32 median of {options.Rounds}: {medians}");
            Console.WriteLine($"{op} 4 KiB c=32 {Ratio(rates, Scraped, Current)}  (issue 14: metrics cost under 3%)");
            if (baselineClient is not null)
            {
                Console.WriteLine($"{op} 4 KiB c=32 {Ratio(rates, Current, Baseline)}   {Ratio(rates, Scraped, Baseline)}");
            }
        }

        var polled = scraper.PolledMillis;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scrape under load: {polled.Count} scrapes  p50 {Stats.Percentile(polled, 0.50),7:F2} ms  p99 {Stats.Percentile(polled, 0.99),7:F2} ms  max {Stats.Max(polled),7:F2} ms  body {scraper.PolledBytes / 1024.0:F1} KiB  errors {scraper.Errors}"));
    }

    /// <summary>
    /// The ratio of the two conditions' medians, and the range of the per-round ratios beside it: each round's pair
    /// ran back to back, so their spread shows how much of the difference is noise.
    /// </summary>
    private static string Ratio(Dictionary<string, List<double>> rates, string numerator, string denominator)
    {
        var perRound = rates[numerator].Zip(rates[denominator], (n, d) => n / d).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"{numerator}/{denominator} {Percent(Stats.Median(rates[numerator]) / Stats.Median(rates[denominator]))} (rounds {Percent(perRound.Min())} to {Percent(perRound.Max())})");
    }

    /// <summary>As AuthScenario prints its share, without the invariant culture's space before the sign.</summary>
    private static string Percent(double ratio) => string.Create(CultureInfo.InvariantCulture, $"{ratio * 100:F1}%");

    /// <summary>Unmeasured PUT/GET load, as Program.cs gives the current server at start: JIT and connections warm.</summary>
    private static async Task WarmUpAsync(S3BenchClient client, string bucket, byte[] body, double seconds)
    {
        var warmup = new LatencyRecorder("warm-up", body.Length);
        await Load.RunForAsync(32, seconds, async worker =>
        {
            await client.SendAsync(HttpMethod.Put, $"/{bucket}/warmup/{worker}", new ByteArrayContent(body));
            await client.SendAsync(HttpMethod.Get, $"/{bucket}/warmup/{worker}", null);
        }, warmup);
    }

    /// <summary>One arm of the comparison: a server's load, and whether the scraper polls the current server meanwhile.</summary>
    private sealed record Condition(string Name, PutGetLoad Load, bool Scraped);
}
