using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Nuage.Iam;

namespace Nuage.Signing;

/// <summary>
/// Verifies AWS Signature Version 4 ("Authenticating Requests (AWS Signature Version 4)"): the Authorization header
/// or a presigned URL, then the payload according to x-amz-content-sha256, for the service(s) of one door (the
/// credential scope's service picks the door: s3, iam, sts, iotdata). It asks <see cref="ICredentialResolver"/>
/// only for the secret of an access key (DESIGN.md "Shape the core").
/// </summary>
public sealed class SigV4Authenticator
{
    private readonly ICredentialResolver _credentials;
    private readonly TimeProvider _time;
    private readonly string[] _services;
    private readonly SigningKeyCache _signingKeys = new();

    /// <summary>
    /// The largest form body a query-API door accepts (<see cref="AuthenticateFormAsync"/>). IAM's largest inputs
    /// are policy documents of at most 10,240 characters, URL-encoded; 64 KiB leaves room and bounds the buffer.
    /// </summary>
    public const int MaxFormBodyBytes = 64 * 1024;

    /// <param name="service">The service a request's credential scope must name, e.g. "s3".</param>
    public SigV4Authenticator(ICredentialResolver credentials, TimeProvider time, string service)
        : this(credentials, time, [service])
    {
    }

    /// <param name="services">The services a request's credential scope may name; the first is the one error
    /// messages say this endpoint belongs to.</param>
    public SigV4Authenticator(ICredentialResolver credentials, TimeProvider time, IReadOnlyCollection<string> services)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(services);
        _services = [.. services];
        if (_services.Length == 0 || Array.Exists(_services, string.IsNullOrEmpty))
        {
            throw new ArgumentException("At least one service, none empty.", nameof(services));
        }

        _credentials = credentials;
        _time = time;
    }

    /// <summary>
    /// Verifies the Authorization header or the presigned X-Amz-* query of <paramref name="request"/> and returns
    /// the principal and the body to read; a request with neither is anonymous (<see cref="AuthenticatedRequest.IsAnonymous"/>).
    /// Throws <see cref="SignatureException"/> on any failure, synchronously when the request alone shows it.
    /// </summary>
    public ValueTask<AuthenticatedRequest> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ReadClaim(request) is not { } claim)
        {
            return new ValueTask<AuthenticatedRequest>(AuthenticatedRequest.Anonymous(request));
        }

        var lookup = _credentials.FindAsync(claim.AccessKeyId, SecurityToken.Read(request, claim.Parameters.Presigned), cancellationToken);

        // An in-memory resolver has answered already: finish without an async state machine.
        return lookup.IsCompletedSuccessfully
            ? new ValueTask<AuthenticatedRequest>(Verify(request, claim, lookup.Result))
            : VerifyAfterLookupAsync(request, claim, lookup);
    }

    /// <summary>
    /// The mode of AWS's query-API doors (IAM, STS): their clients (botocore) sign the payload but send no
    /// x-amz-content-sha256, which S3 requires. The form body, small by nature, is read whole first (more than
    /// <see cref="MaxFormBodyBytes"/> is InvalidRequest), its SHA-256 taken as the payload hash of the canonical
    /// request ("Create a canonical request": HashedPayload is the hash of the body) unless the client sent one,
    /// and the signature verified as <see cref="AuthenticateAsync"/> does. The returned body is the buffered bytes.
    /// </summary>
    public async ValueTask<AuthenticatedRequest> AuthenticateFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await FormBody.ReadAsync(request, MaxFormBodyBytes, cancellationToken).ConfigureAwait(false);
        request.Body = new MemoryStream(body, writable: false);
        var computedHash = request.Headers.ContainsKey(SigV4Constants.ContentSha256Header) ? null : Convert.ToHexStringLower(SHA256.HashData(body));
        if (ReadClaim(request, computedHash) is not { } claim)
        {
            return AuthenticatedRequest.Anonymous(request);
        }

        var lookup = await _credentials.FindAsync(claim.AccessKeyId, SecurityToken.Read(request, claim.Parameters.Presigned), cancellationToken)
            .ConfigureAwait(false);
        return Verify(request, claim, lookup);
    }

    private async ValueTask<AuthenticatedRequest> VerifyAfterLookupAsync(
        HttpRequest request, Claim claim, ValueTask<CredentialLookup> lookup) =>
        Verify(request, claim, await lookup.ConfigureAwait(false));

    /// <summary>
    /// Everything that can be checked before the access key is looked up, in the order S3 checks it; null when the
    /// request carries no signature at all.
    /// </summary>
    /// <param name="computedPayloadHash">The body's hash when the door computed it (query APIs), used when the
    /// client sent no x-amz-content-sha256.</param>
    private Claim? ReadClaim(HttpRequest request, string? computedPayloadHash = null)
    {
        var headers = request.Headers;
        var authorization = headers.Authorization;
        var presigned = IsPresigned(request);
        if (authorization.Count == 0)
        {
            if (!presigned)
            {
                return null;
            }
        }
        else if (presigned)
        {
            throw new SignatureException(
                SignatureErrorCode.InvalidArgument,
                "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified");
        }
        else if (authorization.Count > 1)
        {
            throw SignatureErrors.HeaderMalformed("more than one Authorization header.");
        }

        SigV4Parameters parameters;
        string amzDate;
        DateTimeOffset requestTime;
        if (presigned)
        {
            parameters = PresignedQueryParser.Parse(request.Query, out amzDate);
            CheckService(parameters);
            if (!AmzDate.TryParse(amzDate, out requestTime))
            {
                throw SignatureErrors.QueryMalformed("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
            }
        }
        else
        {
            parameters = AuthorizationHeaderParser.Parse(authorization[0]!);
            CheckService(parameters);
            (amzDate, requestTime) = ReadHeaderDate(headers);
        }

        if (!parameters.ScopeDate.Span.SequenceEqual(amzDate.AsSpan(0, 8)))
        {
            throw SignatureErrors.ScopeDateMismatch(parameters.Presigned);
        }

        var signedHeaders = parameters.SignedHeaders.Span;
        if (!ContainsHeader(signedHeaders, "host"))
        {
            throw SignatureErrors.HostNotSigned(parameters.Presigned);
        }

        var payloadHash = SigV4Payload.ReadHash(headers, presigned, signedHeaders, computedPayloadHash, out var mode);
        return new Claim(parameters, parameters.AccessKeyId.ToString(), amzDate, requestTime, payloadHash, mode);
    }

    private AuthenticatedRequest Verify(HttpRequest request, in Claim claim, CredentialLookup lookup)
    {
        var parameters = claim.Parameters;
        var credential = lookup.Credential ?? throw SignatureErrors.LookupFailed(lookup.Failure, claim.AccessKeyId);

        CheckTime(parameters, claim.AmzDate, claim.RequestTime);
        CheckAllAmzHeadersSigned(request.Headers, parameters.SignedHeaders.Span);
        SecurityToken.Check(request, credential, inQuery: parameters.Presigned);

        var signingKey = _signingKeys.Get(
            parameters.SigningKeyId.Span, credential.SecretAccessKey, parameters.ScopeDate.Span, parameters.Region.Span, parameters.Service.Span);
        Span<byte> signature = stackalloc byte[32];
        VerifySignature(request, parameters, claim.AmzDate, claim.PayloadHash, signingKey, claim.AccessKeyId, signature);

        return SigV4Payload.CreateResult(
            request, credential.Principal, claim.Mode, claim.PayloadHash, signingKey, claim.AmzDate, parameters.Scope.Span, signature);
    }

    private void CheckService(in SigV4Parameters parameters)
    {
        var service = parameters.Service.Span;
        foreach (var accepted in _services)
        {
            if (service.SequenceEqual(accepted))
            {
                return;
            }
        }

        throw SignatureErrors.WrongService(parameters.Presigned, service.ToString(), _services[0]);
    }

    private static bool IsPresigned(HttpRequest request)
    {
        var query = request.QueryString.Value;
        if (string.IsNullOrEmpty(query)
            || (!query.Contains("X-Amz-", StringComparison.OrdinalIgnoreCase) && !query.Contains("Signature=", StringComparison.Ordinal)))
        {
            return false;
        }

        var parsed = request.Query;
        if (parsed.ContainsKey("X-Amz-Signature") || parsed.ContainsKey("X-Amz-Algorithm") || parsed.ContainsKey("X-Amz-Credential"))
        {
            return true;
        }

        if (parsed.ContainsKey("AWSAccessKeyId") && parsed.ContainsKey("Signature"))
        {
            // A SigV2 presigned URL: a real S3 mechanism Nuage does not offer.
            throw SignatureErrors.InvalidRequest(SignatureErrors.UnsupportedMechanism);
        }

        return false;
    }

    private static (string AmzDate, DateTimeOffset Time) ReadHeaderDate(IHeaderDictionary headers)
    {
        var amzDate = headers[SigV4Constants.DateHeader];
        if (amzDate.Count > 0)
        {
            if (amzDate.Count == 1 && AmzDate.TryParse(amzDate[0], out var time))
            {
                return (amzDate[0]!, time);
            }

            throw SignatureErrors.NoValidDate();
        }

        var date = headers.Date;
        if (date.Count == 1 && AmzDate.TryParseHttpDate(date[0], out var httpTime))
        {
            // The string to sign always carries the ISO 8601 basic form, whichever header supplied the time.
            return (AmzDate.ToAmzDate(httpTime), httpTime);
        }

        throw SignatureErrors.NoValidDate();
    }

    private void CheckTime(in SigV4Parameters parameters, string amzDate, DateTimeOffset requestTime)
    {
        var now = _time.GetUtcNow();
        if (parameters.Presigned)
        {
            // A presigned URL is valid from X-Amz-Date (less the usual clock skew, for a signer whose clock runs
            // ahead) until X-Amz-Date + X-Amz-Expires ("Authenticating Requests: Using Query Parameters").
            if (requestTime - now > SigV4Constants.MaxClockSkew)
            {
                throw new SignatureException(SignatureErrorCode.NotYetValid, "Request is not valid yet")
                {
                    Details = [new("X-Amz-Date", amzDate), new("ServerTime", AmzDate.ToIso8601(now))],
                };
            }

            var expires = requestTime.AddSeconds(parameters.ExpiresSeconds);
            if (now > expires)
            {
                throw new SignatureException(SignatureErrorCode.ExpiredRequest)
                {
                    Details =
                    [
                        new("X-Amz-Expires", parameters.ExpiresSeconds.ToString(CultureInfo.InvariantCulture)),
                        new("Expires", AmzDate.ToIso8601(expires)),
                        new("ServerTime", AmzDate.ToIso8601(now)),
                    ],
                };
            }

            return;
        }

        if ((now - requestTime).Duration() > SigV4Constants.MaxClockSkew)
        {
            throw SignatureErrors.RequestTimeTooSkewed(amzDate, now);
        }
    }

    /// <summary>
    /// S3 refuses x-amz-* headers that are not signed: otherwise anyone replaying a captured request could add
    /// x-amz-copy-source, x-amz-acl or x-amz-meta-* to it.
    /// </summary>
    private static void CheckAllAmzHeadersSigned(IHeaderDictionary headers, ReadOnlySpan<char> signedHeaders)
    {
        List<string>? unsigned = null;
        foreach (var header in headers)
        {
            if (header.Key.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase) && !ContainsHeader(signedHeaders, header.Key))
            {
                (unsigned ??= []).Add(header.Key.ToLowerInvariant());
            }
        }

        if (unsigned is not null)
        {
            throw new SignatureException(SignatureErrorCode.AccessDenied, "There were headers present in the request which were not signed")
            {
                Details = [new("HeadersNotSigned", string.Join(", ", unsigned))],
            };
        }
    }

    internal static bool ContainsHeader(ReadOnlySpan<char> signedHeaders, ReadOnlySpan<char> name)
    {
        foreach (var range in signedHeaders.Split(';'))
        {
            if (signedHeaders[range].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static void VerifySignature(
        HttpRequest request,
        in SigV4Parameters parameters,
        string amzDate,
        string payloadHash,
        byte[] signingKey,
        string accessKeyId,
        Span<byte> computed)
    {
        RawRequestTarget.Split(request, out var rawPath, out var rawQuery);
        var canonical = new PooledByteWriter(1024);
        var stringToSign = new PooledByteWriter(256);
        try
        {
            CanonicalRequest.Write(ref canonical, request, rawPath, rawQuery, parameters.Presigned, parameters.SignedHeaders.Span, payloadHash);
            Span<byte> canonicalHash = stackalloc byte[32];
            SHA256.HashData(canonical.Written, canonicalHash);

            // "Task 2: Create a String to Sign": algorithm \n timestamp \n scope \n hex(sha256(canonical request)).
            stringToSign.WriteUtf8(SigV4Constants.Algorithm);
            stringToSign.Write((byte)'\n');
            stringToSign.WriteUtf8(amzDate);
            stringToSign.Write((byte)'\n');
            stringToSign.WriteUtf8(parameters.Scope.Span);
            stringToSign.Write((byte)'\n');
            stringToSign.WriteHexLower(canonicalHash);
            HMACSHA256.HashData(signingKey, stringToSign.Written, computed);

            Span<byte> provided = stackalloc byte[32];
            if (Hex.TryDecode(parameters.Signature.Span, provided) && CryptographicOperations.FixedTimeEquals(computed, provided))
            {
                return;
            }

            // The strings S3 returns so that a client author can diff them against their own signer's.
            throw new SignatureException(SignatureErrorCode.SignatureDoesNotMatch)
            {
                Details =
                [
                    new("AWSAccessKeyId", accessKeyId),
                    new("StringToSign", stringToSign.ToUtf8String()),
                    new("SignatureProvided", parameters.Signature.ToString()),
                    new("CanonicalRequest", canonical.ToUtf8String()),
                ],
            };
        }
        finally
        {
            canonical.Dispose();
            stringToSign.Dispose();
        }
    }

    /// <summary>What the request claims, parsed and checked, while its access key is looked up.</summary>
    private readonly record struct Claim(
        SigV4Parameters Parameters, string AccessKeyId, string AmzDate, DateTimeOffset RequestTime, string PayloadHash, PayloadMode Mode);
}
