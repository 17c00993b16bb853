using Nuage.S3.Routing;

namespace Nuage.S3.Telemetry;

/// <summary>What the request log line and the metrics say of one request, filled in as the pipeline learns it.</summary>
internal sealed class RequestRecord(string requestId)
{
    public string RequestId { get; } = requestId;

    /// <summary>The routed operation; null when the request was refused before routing.</summary>
    public S3Action? Action { get; set; }

    public string? Bucket { get; set; }

    /// <summary>The object key addressed; null for bucket- and service-level requests.</summary>
    public string? Key { get; set; }

    /// <summary>The access key id that signed the request (never its secret); null when anonymous or not verified.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>The S3 error code answered, for responses of 400 and above.</summary>
    public string? ErrorCode { get; set; }

    /// <summary>The client went away before an answer: logged and counted as 499, nginx's "client closed request".</summary>
    public bool ClientGone { get; set; }

    /// <summary>
    /// The addressed bucket when it has server access logging on (looked up once, right after the target is parsed);
    /// null for every other request, which then costs the access log nothing more.
    /// </summary>
    public Authorization.BucketView? LoggedBucket { get; set; }

    /// <summary>The source bucket of a copy when it has server access logging on (it logs the copy's read); null otherwise.</summary>
    public Authorization.BucketView? LoggedCopySource { get; set; }

    /// <summary>The routed, authenticated request, once there is one (the access log reads its principal and ACL use).</summary>
    public Http.S3RequestContext? Context { get; set; }

    /// <summary>Stopwatch timestamp of the response's first byte (headers going out); 0 until then. Kept for logged buckets only.</summary>
    public long ResponseStarted { get; set; }
}
