using Microsoft.Extensions.Logging;

namespace Nuage.S3.Telemetry;

/// <summary>
/// One structured line per S3 request (docs/logging.md), in the "Nuage.S3.Requests" category at Information. It
/// names the principal by access key id and never holds a signature, a secret, a session token or the query
/// string (a presigned URL's query is a credential); the object key is left out too, as keys can carry personal
/// data an operator's log pipeline should not collect by default.
/// </summary>
public static partial class S3RequestLog
{
    public const string Category = "Nuage.S3.Requests";

    [LoggerMessage(
        EventId = 1, EventName = "S3Request", Level = LogLevel.Information,
        Message = "{Operation} bucket={Bucket} status={Status} error={ErrorCode} principal={AccessKeyId} bytes_in={BytesIn} bytes_out={BytesOut} duration_ms={DurationMs} request_id={RequestId}")]
    public static partial void Request(
        ILogger logger, string operation, string bucket, int status, string errorCode, string accessKeyId, long bytesIn, long bytesOut,
        double durationMs, string requestId);
}
