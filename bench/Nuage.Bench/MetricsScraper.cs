using System.Diagnostics;
using System.Net;

namespace Nuage.Bench;

/// <summary>
/// Reads {console}/metrics the way Prometheus does: over one kept-alive connection, the whole body, timed from the
/// request to its last byte. <see cref="PollAsync"/> scrapes once a second (the shortest interval commonly
/// configured), the load under which issue 14 bounds what metrics cost the S3 throughput.
/// </summary>
public sealed class MetricsScraper(Uri console) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 1,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private readonly Uri _metrics = new(console, "/metrics");
    private readonly List<double> _polledMillis = [];
    private readonly Lock _gate = new();
    private long _polledBytes;
    private int _errors;

    public Uri Metrics => _metrics;

    /// <summary>Milliseconds of every scrape <see cref="PollAsync"/> made so far.</summary>
    public IReadOnlyList<double> PolledMillis
    {
        get
        {
            lock (_gate)
            {
                return [.. _polledMillis];
            }
        }
    }

    /// <summary>Size of the last polled body: it grows with the buckets and the label values seen.</summary>
    public long PolledBytes => Interlocked.Read(ref _polledBytes);

    public int Errors => Volatile.Read(ref _errors);

    public async Task<(double Millis, byte[] Body)> ScrapeAsync(CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await _http.GetAsync(_metrics, HttpCompletionOption.ResponseContentRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, body);
    }

    /// <summary>
    /// Scrapes at once, then on every tick of a one-second timer until <paramref name="stop"/>; a scrape cut short by
    /// the stop is not counted. A tick missed while a scrape runs long is skipped, not made up, as Prometheus does.
    /// </summary>
    public async Task PollAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                try
                {
                    var (millis, body) = await ScrapeAsync(stop);
                    lock (_gate)
                    {
                        _polledMillis.Add(millis);
                    }

                    Interlocked.Exchange(ref _polledBytes, body.Length);
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Increment(ref _errors);
                    await Console.Error.WriteLineAsync("scrape: " + e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped: the load phase this scraper accompanied is over.
        }
    }

    public void Dispose() => _http.Dispose();
}
