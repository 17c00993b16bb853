using Nuage.Iam;

namespace Nuage.Signing;

/// <summary>
/// The auth failures shared by SigV4, SigV2 and the body streams, with the wording S3 answers with, so clients and
/// SDKs (which key retries and clock-skew correction on the code) behave as they do against AWS.
/// </summary>
internal static class SignatureErrors
{
    /// <summary>S3's message for IncompleteBody; the aws-chunked decoder appends what exactly was wrong.</summary>
    public const string IncompleteBodyMessage =
        "You did not provide the number of bytes specified by the Content-Length HTTP header.";

    public const string UnsupportedMechanism =
        "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.";

    public static SignatureException HeaderMalformed(string reason) =>
        new(SignatureErrorCode.AuthorizationHeaderMalformed, "The authorization header is malformed; " + reason);

    public static SignatureException QueryMalformed(string reason) =>
        new(SignatureErrorCode.AuthorizationQueryParametersError, reason);

    public static SignatureException CredentialMalformed(bool presigned) => presigned
        ? QueryMalformed("Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".")
        : HeaderMalformed("the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");

    public static SignatureException WrongService(bool presigned, string service, string endpointService)
    {
        var reason = $"incorrect service \"{service}\". This endpoint belongs to \"{endpointService}\".";
        return presigned ? QueryMalformed("Error parsing the X-Amz-Credential parameter; " + reason) : HeaderMalformed(reason);
    }

    public static SignatureException ScopeDateMismatch(bool presigned)
    {
        const string reason = "Invalid credential date. Date is not the same as X-Amz-Date.";
        return presigned ? QueryMalformed(reason) : HeaderMalformed(reason);
    }

    public static SignatureException HostNotSigned(bool presigned) => presigned
        ? QueryMalformed("X-Amz-SignedHeaders must include host.")
        : HeaderMalformed("SignedHeaders must include host.");

    public static SignatureException NoValidDate() =>
        new(SignatureErrorCode.AccessDenied, "AWS authentication requires a valid Date or x-amz-date header");

    /// <summary>A header-signed request (SigV4 or SigV2) sent more than the allowed skew from the server's clock.</summary>
    /// <param name="requestTime">The time as the client sent it.</param>
    public static SignatureException RequestTimeTooSkewed(string requestTime, DateTimeOffset now) => new(SignatureErrorCode.RequestTimeTooSkewed)
    {
        Details =
        [
            new("RequestTime", requestTime),
            new("ServerTime", AmzDate.ToIso8601(now)),
            new("MaxAllowedSkewMilliseconds", "900000"),
        ],
    };

    public static SignatureException InvalidRequest(string message) => new(SignatureErrorCode.InvalidRequest, message);

    public static SignatureException InvalidAccessKey(string accessKeyId) => new(SignatureErrorCode.InvalidAccessKeyId)
    {
        Details = [new("AWSAccessKeyId", accessKeyId)],
    };

    /// <summary>Why the credential look-up found nothing: an unknown key, or a temporary key whose token is bad or expired.</summary>
    public static SignatureException LookupFailed(CredentialFailure failure, string accessKeyId) => failure switch
    {
        CredentialFailure.InvalidToken => new(SignatureErrorCode.InvalidToken),
        CredentialFailure.ExpiredToken => new(SignatureErrorCode.ExpiredToken),
        _ => InvalidAccessKey(accessKeyId),
    };

    /// <summary>A bad chunk or trailer signature: the body is rejected mid-stream, so the write must be aborted.</summary>
    public static SignatureException ChunkSignatureMismatch(string what) =>
        new(SignatureErrorCode.SignatureDoesNotMatch, $"The {what} signature we calculated does not match the signature you provided.");

    public static SignatureException MalformedChunkedBody(string reason) =>
        new(SignatureErrorCode.InvalidRequest, "Malformed aws-chunked body: " + reason);

    public static SignatureException IncompleteBody(string reason) => new(SignatureErrorCode.IncompleteBody, IncompleteBodyMessage + " " + reason);
}
