using Microsoft.Extensions.Logging;

namespace Nuage.Telemetry;

/// <summary>One request's log line, waiting in <see cref="RequestLogWriter"/>'s queue to be formatted.</summary>
internal readonly record struct RequestLogEntry(
    ILogger Logger, string Operation, string Bucket, int Status, string ErrorCode, string AccessKeyId, long BytesIn, long BytesOut,
    double DurationMs, string RequestId);
