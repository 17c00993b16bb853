using Prometheus;

namespace Nuage.Telemetry;

/// <summary>
/// The one place every layer publishes its figures: a Prometheus registry (prometheus-net) that families are created
/// in through <see cref="MetricNaming"/>'s checks, and that the console port's /metrics serves. One per server;
/// a component built without one (a unit test) gets a private registry nobody scrapes, so no code tests for null.
/// Asking twice for the same family returns the same one, so two layers may count into one family.
/// </summary>
public sealed class NuageMetrics
{
    private readonly IMetricFactory _factory;

    public NuageMetrics()
    {
        // A custom registry, not prometheus-net's static default one: that one adds adapters that listen to every
        // .NET meter (ASP.NET Core's per-request histograms included) at a cost per request; RuntimeInstrumentation
        // chooses what the runtime contributes instead.
        Registry = Metrics.NewCustomRegistry();
        _factory = Metrics.WithCustomRegistry(Registry);
    }

    public CollectorRegistry Registry { get; }

    public Counter Counter(string name, string help, params string[] labels)
    {
        MetricNaming.CheckCounter(name, labels);
        return _factory.CreateCounter(name, help, labels);
    }

    public Histogram Histogram(string name, string help, double[] buckets, params string[] labels)
    {
        MetricNaming.CheckHistogram(name, labels);
        return _factory.CreateHistogram(name, help, labels, new HistogramConfiguration { Buckets = buckets });
    }

    public Gauge Gauge(string name, string help, params string[] labels)
    {
        MetricNaming.CheckGauge(name, labels, perBucket: false);
        return _factory.CreateGauge(name, help, labels);
    }

    /// <summary>A gauge with one series per bucket (objects, bytes): the only families allowed the bucket label.</summary>
    public Gauge PerBucketGauge(string name, string help)
    {
        MetricNaming.CheckGauge(name, [MetricNaming.BucketLabel], perBucket: true);
        return _factory.CreateGauge(name, help, [MetricNaming.BucketLabel]);
    }

    /// <summary>
    /// Runs before every scrape: for figures read from where they already live (queue lengths, the metadata store's
    /// usage table) rather than pushed on every change. Keep it to one cheap read; a scrape waits for it.
    /// </summary>
    public void OnScrape(Func<CancellationToken, Task> update) => Registry.AddBeforeCollectCallback(update);

    /// <inheritdoc cref="OnScrape(Func{CancellationToken, Task})"/>
    public void OnScrape(Action update) => Registry.AddBeforeCollectCallback(update);

    /// <summary>Writes every family in Prometheus's text exposition format 0.0.4.</summary>
    public Task WriteTextAsync(Stream destination, CancellationToken cancellationToken) =>
        Registry.CollectAndExportAsTextAsync(destination, cancellationToken);

    /// <summary>The content type of <see cref="WriteTextAsync"/>'s output.</summary>
    public const string TextContentType = "text/plain; version=0.0.4; charset=utf-8";
}
