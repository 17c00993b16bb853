using Microsoft.AspNetCore.Http;
using Nuage.Iam;
using Nuage.S3.Routing;
using Nuage.Signing;

namespace Nuage.S3.Auth;

/// <summary>
/// Authenticates an S3 request with whichever mechanism it carries: Signature Version 4 (header or X-Amz-* query,
/// <see cref="SigV4Authenticator"/>) or Signature Version 2 ("Authorization: AWS ..." or the
/// AWSAccessKeyId/Signature/Expires query, <see cref="SigV2Verifier"/>). SigV2 is accepted because botocore, and
/// so boto3 and awscli v1, still presign S3 URLs with it by default. The verifiers live in Nuage.Signing; this
/// wrapper is the S3 door's part: SigV2 is S3's alone, and which Host names carry a bucket is S3 routing.
/// </summary>
public sealed class S3Authenticator
{
    private const string OnlyOneMechanism =
        "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified";

    private readonly SigV4Authenticator _sigV4;
    private readonly SigV2Verifier _sigV2;
    private readonly string? _domain;

    /// <param name="options">The front door's settings; its Domain tells SigV2 which Host names carry a bucket. Null: path style only.</param>
    public S3Authenticator(ICredentialResolver credentials, TimeProvider time, S3FrontDoorOptions? options = null)
    {
        _sigV4 = new SigV4Authenticator(credentials, time, service: "s3");
        _sigV2 = new SigV2Verifier(credentials, time);
        _domain = options?.Domain;
    }

    /// <summary>
    /// Verifies the request's signature and returns the principal and the body to read. Throws
    /// <see cref="SignatureException"/> on any failure (S3ErrorMapper turns it into S3's error).
    /// </summary>
    public ValueTask<AuthenticatedRequest> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Headers.Authorization;
        var v2Header = authorization.Count == 1 && authorization[0]!.StartsWith("AWS ", StringComparison.Ordinal);
        var v2Query = HasSigV2Query(request);
        if (!v2Header && !v2Query)
        {
            return _sigV4.AuthenticateAsync(request, cancellationToken);
        }

        if ((v2Query && authorization.Count > 0) || (v2Header && HasSigV4Query(request.Query)))
        {
            throw new SignatureException(SignatureErrorCode.InvalidArgument, OnlyOneMechanism);
        }

        // "Constructing the CanonicalizedResource element": a virtual-host request signs its bucket as if it were
        // in the path. CNAME hosts (the whole Host is the bucket) are not served, so they need no case here.
        var bucket = S3RequestTarget.BucketFromHost(request.Host.Value, _domain);
        return _sigV2.AuthenticateAsync(request, presigned: v2Query, bucket, cancellationToken);
    }

    private static bool HasSigV2Query(HttpRequest request)
    {
        // Most requests carry no query signature: a look at the raw string spares parsing the query for them.
        var query = request.QueryString.Value;
        if (string.IsNullOrEmpty(query) || !query.Contains("AWSAccessKeyId=", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var parsed = request.Query;
        if (!parsed.ContainsKey("AWSAccessKeyId") || !parsed.ContainsKey("Signature"))
        {
            return false;
        }

        if (HasSigV4Query(parsed))
        {
            throw new SignatureException(SignatureErrorCode.InvalidArgument, OnlyOneMechanism);
        }

        return true;
    }

    private static bool HasSigV4Query(IQueryCollection query) =>
        query.ContainsKey("X-Amz-Signature") || query.ContainsKey("X-Amz-Algorithm") || query.ContainsKey("X-Amz-Credential");
}
