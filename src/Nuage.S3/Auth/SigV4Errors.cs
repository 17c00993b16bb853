using Nuage.S3.Errors;

namespace Nuage.S3.Auth;

/// <summary>
/// The auth failures with the codes and messages S3 answers with, so clients and SDKs (which key retries and
/// clock-skew correction on the code) behave as they do against AWS.
/// </summary>
internal static class SigV4Errors
{
    public const string UnsupportedMechanism =
        "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.";

    public static S3Exception HeaderMalformed(string reason) =>
        new(S3Error.AuthorizationHeaderMalformed, "The authorization header is malformed; " + reason);

    public static S3Exception QueryMalformed(string reason) =>
        new(S3Error.AuthorizationQueryParametersError, reason);

    public static S3Exception CredentialMalformed(bool presigned) => presigned
        ? QueryMalformed("Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".")
        : HeaderMalformed("the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");

    public static S3Exception WrongService(bool presigned, string service)
    {
        var reason = $"incorrect service \"{service}\". This endpoint belongs to \"s3\".";
        return presigned ? QueryMalformed("Error parsing the X-Amz-Credential parameter; " + reason) : HeaderMalformed(reason);
    }

    public static S3Exception ScopeDateMismatch(bool presigned)
    {
        const string reason = "Invalid credential date. Date is not the same as X-Amz-Date.";
        return presigned ? QueryMalformed(reason) : HeaderMalformed(reason);
    }

    public static S3Exception HostNotSigned(bool presigned) => presigned
        ? QueryMalformed("X-Amz-SignedHeaders must include host.")
        : HeaderMalformed("SignedHeaders must include host.");

    public static S3Exception InvalidRequest(string message) => new(S3Error.InvalidRequest, message);

    public static S3Exception InvalidAccessKey(string accessKeyId) => new(S3Error.InvalidAccessKeyId)
    {
        Details = [new("AWSAccessKeyId", accessKeyId)],
    };

    /// <summary>A bad chunk or trailer signature: the body is rejected mid-stream, so the write must be aborted.</summary>
    public static S3Exception ChunkSignatureMismatch(string what) =>
        new(S3Error.SignatureDoesNotMatch, $"The {what} signature we calculated does not match the signature you provided.");

    public static S3Exception MalformedChunkedBody(string reason) =>
        new(S3Error.InvalidRequest, "Malformed aws-chunked body: " + reason);

    public static S3Exception IncompleteBody(string reason) => new(S3Error.IncompleteBody, S3Error.IncompleteBody.DefaultMessage + " " + reason);
}
