namespace Nuage.IotData;

/// <summary>
/// A refusal of the iotdata door, answered as AWS's REST-JSON errors: the HTTP status, the error type in
/// x-amzn-ErrorType (what SDKs read as the error code) and <c>{"message": ...}</c>.
/// </summary>
internal sealed class IotDataException(int status, string errorType, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string ErrorType { get; } = errorType;

    /// <summary>The IoT data plane's exception names for the shadow service's statuses ("Device Shadow error messages").</summary>
    public static string TypeOf(int status) => status switch
    {
        400 => "InvalidRequestException",
        401 => "UnauthorizedException",
        403 => "ForbiddenException",
        404 => "ResourceNotFoundException",
        405 => "MethodNotAllowedException",
        409 => "ConflictException",
        413 => "RequestEntityTooLargeException",
        415 => "UnsupportedDocumentEncodingException",
        503 => "ServiceUnavailableException",
        _ => "InternalFailureException",
    };

    /// <summary>
    /// 503 ServiceUnavailableException (an IoT data plane error, "UpdateThingShadow" Errors) for a failure that may
    /// pass by itself: the metadata database is unreachable or a write kept conflicting (issue 18). The store reports
    /// both as a <see cref="System.Data.Common.DbException"/> whose IsTransient holds; this door may not name the
    /// store's own types (docs/architecture.md rule 2). Null for any other failure.
    /// </summary>
    public static IotDataException? Transient(Exception exception) =>
        exception is System.Data.Common.DbException { IsTransient: true }
            ? new IotDataException(503, TypeOf(503), "The service is temporarily unavailable; retry.")
            : null;

    /// <summary>Retry-After on a 503 (RFC 9110 §10.2.3), in seconds: a database restart or failover takes a few.</summary>
    public const int RetryAfterSeconds = 1;
}
