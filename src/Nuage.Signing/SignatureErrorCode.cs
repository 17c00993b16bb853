namespace Nuage.Signing;

/// <summary>
/// Why a request failed authentication, in terms of the signature protocol rather than of one door: each door maps
/// these to its own wire errors (S3ErrorMapper for S3's XML; IAM and STS use other codes for the same cases, e.g.
/// InvalidClientTokenId where S3 says InvalidAccessKeyId).
/// </summary>
public enum SignatureErrorCode
{
    /// <summary>The signature (of the request, a chunk or the trailer) is not the one the secret produces.</summary>
    SignatureDoesNotMatch,

    /// <summary>No credential has the access key id the request names.</summary>
    InvalidAccessKeyId,

    /// <summary>A presigned URL used after its expiry (X-Amz-Date + X-Amz-Expires, or SigV2's Expires).</summary>
    ExpiredRequest,

    /// <summary>A presigned URL dated further in the future than the allowed clock skew.</summary>
    NotYetValid,

    /// <summary>A header-signed request whose time is more than 15 minutes from the server's clock.</summary>
    RequestTimeTooSkewed,

    /// <summary>The Authorization header cannot be read, or names the wrong date, service or signed headers.</summary>
    AuthorizationHeaderMalformed,

    /// <summary>The X-Amz-* query of a presigned URL cannot be read or is inconsistent.</summary>
    AuthorizationQueryParametersError,

    /// <summary>A value the signature depends on is invalid (x-amz-content-sha256, a SigV2 header, two mechanisms at once).</summary>
    InvalidArgument,

    /// <summary>The request is well formed but not acceptable: an unsupported mechanism, a malformed aws-chunked body.</summary>
    InvalidRequest,

    /// <summary>Refused outright: no usable date, x-amz-* headers left unsigned, a malformed SigV2 query.</summary>
    AccessDenied,

    /// <summary>The credential is temporary (it has a session token) and the request carries none.</summary>
    MissingSecurityToken,

    /// <summary>The request carries a session token that is not the credential's, or one that is forged or garbled.</summary>
    InvalidToken,

    /// <summary>The request's temporary credentials have expired (their session token says until when they were valid).</summary>
    ExpiredToken,

    /// <summary>The body's SHA-256 is not the x-amz-content-sha256 the client signed.</summary>
    XAmzContentSHA256Mismatch,

    /// <summary>The body ended early, or its aws-chunked framing disagrees with x-amz-decoded-content-length.</summary>
    IncompleteBody,
}
