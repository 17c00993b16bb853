using Nuage.S3.Routing;
using Nuage.Telemetry;
using Prometheus;

namespace Nuage.S3.Telemetry;

/// <summary>
/// The S3 front door's figures (docs/metrics.md, "S3"): requests by operation and status class, latency by
/// operation, bytes in and out by operation, errors by S3 error code. The series of every operation are resolved
/// once here, so recording a request is a few atomic increments with no label lookup.
/// </summary>
public sealed class S3Metrics
{
    /// <summary>The operation label of a request refused before it could be routed (a bad signature, a malformed target).</summary>
    public const string Unrouted = "Unrouted";

    private static readonly string[] StatusClasses = ["1xx", "2xx", "3xx", "4xx", "5xx"];
    private static readonly int OperationCount = Enum.GetValues<S3Action>().Length + 1;

    private readonly Counter.Child[] _requests;
    private readonly Histogram.Child[] _durations;
    private readonly Counter.Child[] _received;
    private readonly Counter.Child[] _sent;
    private readonly Counter _errors;

    public S3Metrics(NuageMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var requests = metrics.Counter("nuage_s3_requests_total", "S3 requests answered, by operation and status class.", "operation", "status_class");
        var durations = metrics.Histogram(
            "nuage_s3_request_duration_seconds", "Time from the request's arrival to its last response byte, by operation.",
            MetricBuckets.LatencySeconds, "operation");
        var received = metrics.Counter("nuage_s3_received_bytes_total", "Request body bytes received, by operation.", "operation");
        var sent = metrics.Counter("nuage_s3_sent_bytes_total", "Response body bytes sent, by operation.", "operation");
        _errors = metrics.Counter("nuage_s3_errors_total", "S3 error responses, by S3 error code.", "code");

        _requests = new Counter.Child[OperationCount * StatusClasses.Length];
        _durations = new Histogram.Child[OperationCount];
        _received = new Counter.Child[OperationCount];
        _sent = new Counter.Child[OperationCount];
        for (int operation = 0; operation < OperationCount; operation++)
        {
            string name = operation == OperationCount - 1 ? Unrouted : ((S3Action)operation).ToString();
            for (int status = 0; status < StatusClasses.Length; status++)
            {
                _requests[(operation * StatusClasses.Length) + status] = requests.WithLabels(name, StatusClasses[status]);
            }

            _durations[operation] = durations.WithLabels(name);
            _received[operation] = received.WithLabels(name);
            _sent[operation] = sent.WithLabels(name);
        }
    }

    public void Record(S3Action? action, int status, string? errorCode, long bytesIn, long bytesOut, TimeSpan duration)
    {
        int operation = action is { } a ? (int)a : OperationCount - 1;
        int statusClass = Math.Clamp((status / 100) - 1, 0, StatusClasses.Length - 1);
        _requests[(operation * StatusClasses.Length) + statusClass].Inc();
        _durations[operation].Observe(duration.TotalSeconds);
        if (bytesIn > 0)
        {
            _received[operation].Inc(bytesIn);
        }

        if (bytesOut > 0)
        {
            _sent[operation].Inc(bytesOut);
        }

        if (errorCode is not null)
        {
            // Codes come from S3Error's fixed list, never from the client: the label's values are bounded.
            _errors.WithLabels(errorCode).Inc();
        }
    }
}
