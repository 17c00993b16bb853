using Microsoft.Extensions.Logging;

namespace Nuage.Telemetry;

/// <summary>
/// One structured line per request (docs/logging.md), the same fields for every door, each door in its own category
/// at Information. It names the principal by access key id and never holds a signature, a secret, a session token or
/// the query string (a presigned URL's query is a credential); the object key is left out too, as keys can carry
/// personal data an operator's log pipeline should not collect by default.
/// </summary>
public static partial class RequestLog
{
    /// <summary>S3 requests on the S3 port.</summary>
    public const string S3Category = "Nuage.S3.Requests";

    /// <summary>IAM and STS query-API requests on the S3 port.</summary>
    public const string IamCategory = "Nuage.IamApi.Requests";

    /// <summary>Admin API requests on the console port (health probes and scrapes are not logged).</summary>
    public const string AdminCategory = "Nuage.Admin.Requests";

    /// <summary>Written in place of a field the request did not have (no bucket, anonymous, no error).</summary>
    public const string None = "-";

    [LoggerMessage(
        EventId = 1, EventName = "Request", Level = LogLevel.Information,
        Message = "{Operation} bucket={Bucket} status={Status} error={ErrorCode} principal={AccessKeyId} bytes_in={BytesIn} bytes_out={BytesOut} duration_ms={DurationMs} request_id={RequestId}")]
    public static partial void Write(
        ILogger logger, string operation, string bucket, int status, string errorCode, string accessKeyId, long bytesIn, long bytesOut,
        double durationMs, string requestId);

    /// <summary>
    /// A client-chosen field (a bucket name from the request target, which need not be a valid name) as one
    /// printable line: control characters become '?', so a crafted name cannot forge extra lines in a text log.
    /// </summary>
    public static string Printable(string? value)
    {
        if (value is null)
        {
            return None;
        }

        foreach (char c in value)
        {
            if (char.IsControl(c))
            {
                return string.Create(value.Length, value, static (span, text) =>
                {
                    for (int i = 0; i < text.Length; i++)
                    {
                        span[i] = char.IsControl(text[i]) ? '?' : text[i];
                    }
                });
            }
        }

        return value;
    }

    /// <summary>Milliseconds to three decimals: enough for a 4 KiB GET, short enough to read.</summary>
    public static double Milliseconds(TimeSpan elapsed) => Math.Round(elapsed.TotalMilliseconds, 3);
}
