using Nuage.S3.Routing;
using Nuage.Telemetry;
using Prometheus;

namespace Nuage.S3.Telemetry;

/// <summary>
/// The S3 front door's figures (docs/metrics.md, "S3"): requests by operation and status class, latency by
/// operation, bytes in and out by operation, errors by S3 error code. A series is created the first time its
/// operation is served, then kept in an array indexed by operation, so recording a request is a few atomic
/// increments with no label lookup, and a scrape carries no series for operations never used (most of the ~40).
/// </summary>
public sealed class S3Metrics
{
    /// <summary>The operation label of a request refused before it could be routed (a bad signature, a malformed target).</summary>
    public const string Unrouted = "Unrouted";

    private static readonly string[] StatusClasses = ["1xx", "2xx", "3xx", "4xx", "5xx"];
    private static readonly int OperationCount = Enum.GetValues<S3Action>().Length + 1;

    private readonly Counter _requests;
    private readonly Histogram _durations;
    private readonly Counter _received;
    private readonly Counter _sent;
    private readonly Counter _errors;
    private readonly OperationSeries?[] _series = new OperationSeries?[OperationCount];

    public S3Metrics(NuageMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _requests = metrics.Counter("nuage_s3_requests_total", "S3 requests answered, by operation and status class.", "operation", "status_class");
        _durations = metrics.Histogram(
            "nuage_s3_request_duration_seconds", "Time from the request's arrival to its last response byte, by operation.",
            MetricBuckets.LatencySeconds, "operation");
        _received = metrics.Counter("nuage_s3_received_bytes_total", "Request body bytes received, by operation.", "operation");
        _sent = metrics.Counter("nuage_s3_sent_bytes_total", "Response body bytes sent, by operation.", "operation");
        _errors = metrics.Counter("nuage_s3_errors_total", "S3 error responses, by S3 error code.", "code");
    }

    public void Record(S3Action? action, int status, string? errorCode, long bytesIn, long bytesOut, TimeSpan duration)
    {
        int operation = action is { } a ? (int)a : OperationCount - 1;
        var series = _series[operation] ?? Create(operation);
        int statusClass = Math.Clamp((status / 100) - 1, 0, StatusClasses.Length - 1);
        (series.Requests[statusClass] ??= _requests.WithLabels(series.Name, StatusClasses[statusClass])).Inc();
        series.Duration.Observe(duration.TotalSeconds);
        if (bytesIn > 0)
        {
            series.Received.Inc(bytesIn);
        }

        if (bytesOut > 0)
        {
            series.Sent.Inc(bytesOut);
        }

        if (errorCode is not null)
        {
            // Codes come from S3Error's fixed list, never from the client: the label's values are bounded.
            _errors.WithLabels(errorCode).Inc();
        }
    }

    /// <summary>
    /// The series of one operation, made on its first request. Two first requests racing both create it; the
    /// registry hands both the same children, so whichever array entry wins counts the same series.
    /// </summary>
    private OperationSeries Create(int operation)
    {
        string name = operation == OperationCount - 1 ? Unrouted : ((S3Action)operation).ToString();
        var series = new OperationSeries(
            name, new Counter.Child?[StatusClasses.Length], _durations.WithLabels(name), _received.WithLabels(name), _sent.WithLabels(name));
        return Interlocked.CompareExchange(ref _series[operation], series, null) ?? series;
    }

    /// <summary>One operation's children; a status class's request counter is made on its first use too.</summary>
    private sealed record OperationSeries(string Name, Counter.Child?[] Requests, Histogram.Child Duration, Counter.Child Received, Counter.Child Sent);
}
