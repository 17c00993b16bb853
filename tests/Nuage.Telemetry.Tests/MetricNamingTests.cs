using System.Text;

namespace Nuage.Telemetry.Tests;

/// <summary>The naming scheme of docs/metrics.md is enforced when a family is created, not left to review.</summary>
public sealed class MetricNamingTests
{
    private readonly NuageMetrics _metrics = new();

    [Theory]
    [InlineData("nuage_s3_requests_total")]
    [InlineData("nuage_mqtt_messages_received_total")]
    public void A_counter_in_the_scheme_is_created(string name) => Assert.NotNull(_metrics.Counter(name, "help", "operation"));

    [Theory]
    [InlineData("s3_requests_total", "nuage_")]
    [InlineData("nuage_s3_requests", "_total")]
    [InlineData("nuage_S3_requests_total", "lower snake case")]
    [InlineData("nuage_requests-total", "lower snake case")]
    [InlineData("nuage_total", "lower snake case")]
    public void A_counter_outside_the_scheme_is_refused(string name, string reason)
    {
        var refused = Assert.Throws<ArgumentException>(() => _metrics.Counter(name, "help"));
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nuage_s3_request_duration_seconds", true)]
    [InlineData("nuage_s3_request_duration_ms", false)]
    [InlineData("nuage_s3_request_duration", false)]
    public void A_histogram_must_end_in_a_base_unit(string name, bool accepted)
    {
        if (accepted)
        {
            Assert.NotNull(_metrics.Histogram(name, "help", MetricBuckets.LatencySeconds, "operation"));
        }
        else
        {
            Assert.Contains("unit", Assert.Throws<ArgumentException>(() => _metrics.Histogram(name, "help", MetricBuckets.LatencySeconds)).Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("key")]
    [InlineData("access_key")]
    [InlineData("client_id")]
    [InlineData("topic")]
    [InlineData("bucket")]
    public void Unbounded_labels_are_refused_on_counters_histograms_and_gauges(string label)
    {
        Assert.Throws<ArgumentException>(() => _metrics.Counter("nuage_test_things_total", "help", label));
        Assert.Throws<ArgumentException>(() => _metrics.Histogram("nuage_test_wait_seconds", "help", MetricBuckets.LatencySeconds, label));
        Assert.Throws<ArgumentException>(() => _metrics.Gauge("nuage_test_queue_writes", "help", label));
    }

    [Fact]
    public void Only_per_bucket_gauges_carry_the_bucket_label()
    {
        var gauge = _metrics.PerBucketGauge("nuage_bucket_objects", "help");
        gauge.WithLabels("photos").Set(3);
        Assert.Throws<ArgumentException>(() => _metrics.PerBucketGauge("nuage_bucket_objects_count", "help"));
    }

    [Fact]
    public async Task The_text_exposition_holds_each_family_with_its_type_and_scrape_callbacks_run_first()
    {
        var counter = _metrics.Counter("nuage_test_requests_total", "Requests.", "operation");
        counter.WithLabels("PutObject").Inc(2);
        var depth = _metrics.Gauge("nuage_test_queue_writes", "Queue.");
        int scrapes = 0;
        _metrics.OnScrape(() => depth.Set(++scrapes * 10));

        using var output = new MemoryStream();
        await _metrics.WriteTextAsync(output, CancellationToken.None);
        var text = Encoding.UTF8.GetString(output.ToArray());

        Assert.Contains("# TYPE nuage_test_requests_total counter", text, StringComparison.Ordinal);
        Assert.Contains("nuage_test_requests_total{operation=\"PutObject\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("nuage_test_queue_writes 10", text, StringComparison.Ordinal);
        Assert.Equal(1, scrapes);
    }

    [Fact]
    public void The_same_family_asked_twice_is_one_family() =>
        Assert.Same(ChecksumFailures.Of(_metrics, ChecksumFailures.Blob), ChecksumFailures.Of(_metrics, ChecksumFailures.Blob));
}
