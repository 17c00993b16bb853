using Nuage.S3.Routing;

namespace Nuage.S3.Telemetry;

/// <summary>What the request log line and the metrics say of one request, filled in as the pipeline learns it.</summary>
internal sealed class RequestRecord(string requestId)
{
    public string RequestId { get; } = requestId;

    /// <summary>The routed operation; null when the request was refused before routing.</summary>
    public S3Action? Action { get; set; }

    public string? Bucket { get; set; }

    /// <summary>The access key id that signed the request (never its secret); null when anonymous or not verified.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>The S3 error code answered, for responses of 400 and above.</summary>
    public string? ErrorCode { get; set; }

    /// <summary>The client went away before an answer: logged and counted as 499, nginx's "client closed request".</summary>
    public bool ClientGone { get; set; }
}
