namespace Nuage.Signing;

/// <summary>Fixed strings and limits of AWS Signature Version 4 ("Authenticating Requests (AWS Signature Version 4)").</summary>
internal static class SigV4Constants
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string Terminator = "aws4_request";

    /// <summary>x-amz-content-sha256 values ("Authenticating Requests: Using the Authorization Header", table of payload options).</summary>
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string StreamingSigned = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public const string StreamingSignedTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    public const string StreamingUnsignedTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    /// <summary>Hex SHA-256 of the empty string: the payload hash of bodiless requests and part of every chunk's string to sign.</summary>
    public const string EmptySha256Hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public const string ContentSha256Header = "x-amz-content-sha256";
    public const string DateHeader = "x-amz-date";
    public const string DecodedContentLengthHeader = "x-amz-decoded-content-length";
    public const string TrailerHeader = "x-amz-trailer";
    public const string TrailerSignature = "x-amz-trailer-signature";

    /// <summary>S3 rejects requests whose time is more than 15 minutes from its clock (RequestTimeTooSkewed).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(15);

    /// <summary>Presigned URLs live at most seven days ("Authenticating Requests: Using Query Parameters", X-Amz-Expires).</summary>
    public const int MaxPresignedExpirySeconds = 604800;
}
