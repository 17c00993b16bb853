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
        _ => "InternalFailureException",
    };
}
