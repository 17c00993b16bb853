using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Nuage.Iam;

namespace Nuage.Signing;

/// <summary>
/// Verifies AWS Signature Version 2 for S3 ("Signing and authenticating REST requests (AWS signature version 2)"):
/// "Authorization: AWS AccessKeyId:Signature", or a presigned URL with AWSAccessKeyId, Signature and Expires
/// ("Query string request authentication alternative"). The signature is base64(HMAC-SHA1(secret, StringToSign)).
/// SigV2 signs no payload, so the body is handed on as it arrives; a Content-MD5 the client sent is checked by
/// storage while the body is written.
/// </summary>
public sealed class SigV2Verifier(ICredentialResolver credentials, TimeProvider time)
{
    private const string AmzDateHeader = "x-amz-date";
    private const int SignatureLength = 20;

    /// <summary>
    /// Verifies the SigV2 signature the S3 door found on <paramref name="request"/> and returns the principal and
    /// the body. Throws <see cref="SignatureException"/> on any failure.
    /// </summary>
    /// <param name="presigned">True for the AWSAccessKeyId/Signature/Expires query, false for the Authorization header.</param>
    /// <param name="virtualHostBucket">The bucket named by the Host header, or null for a path-style request.</param>
    public ValueTask<AuthenticatedRequest> AuthenticateAsync(
        HttpRequest request, bool presigned, string? virtualHostBucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var claim = presigned
            ? ReadQuery(request.Query)
            : ParseAuthorization(request.Headers.Authorization[0]!);
        var lookup = credentials.FindAsync(claim.AccessKeyId, SecurityToken.Read(request, presigned), cancellationToken);

        // An in-memory resolver has answered already: finish without an async state machine.
        return lookup.IsCompletedSuccessfully
            ? new ValueTask<AuthenticatedRequest>(Verify(request, presigned, virtualHostBucket, claim, lookup.Result))
            : VerifyAfterLookupAsync(request, presigned, virtualHostBucket, claim, lookup);
    }

    private async ValueTask<AuthenticatedRequest> VerifyAfterLookupAsync(
        HttpRequest request, bool presigned, string? virtualHostBucket, Claim claim, ValueTask<CredentialLookup> lookup) =>
        Verify(request, presigned, virtualHostBucket, claim, await lookup.ConfigureAwait(false));

    private AuthenticatedRequest Verify(HttpRequest request, bool presigned, string? virtualHostBucket, Claim claim, CredentialLookup lookup)
    {
        var (accessKeyId, signature, expires) = claim;
        var credential = lookup.Credential ?? throw SignatureErrors.LookupFailed(lookup.Failure, accessKeyId);

        string dateLine;
        string? amzDate = null;
        if (presigned)
        {
            CheckExpires(expires!);
            dateLine = expires!;
        }
        else
        {
            amzDate = CheckRequestTime(request.Headers, out dateLine);
        }

        SecurityToken.Check(request, credential, inQuery: presigned);
        VerifySignature(request, credential.SecretAccessKey, accessKeyId, signature, dateLine, amzDate, virtualHostBucket);
        return new AuthenticatedRequest(credential.Principal, request.Body, request.ContentLength, null);
    }

    /// <summary>"Authorization: AWS AWSAccessKeyId:Signature" ("The authentication header").</summary>
    private static Claim ParseAuthorization(string header)
    {
        var credential = header.AsSpan(4).Trim();
        var colon = credential.IndexOf(':');
        if (colon <= 0 || colon == credential.Length - 1)
        {
            throw new SignatureException(SignatureErrorCode.InvalidArgument, "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature")
            {
                Details = [new("ArgumentName", "Authorization"), new("ArgumentValue", header)],
            };
        }

        return new Claim(credential[..colon].Trim().ToString(), credential[(colon + 1)..].Trim().ToString(), null);
    }

    private static Claim ReadQuery(IQueryCollection query)
    {
        var accessKeyId = Single(query, "AWSAccessKeyId");
        var signature = Single(query, "Signature");
        var expires = Single(query, "Expires");
        if (string.IsNullOrEmpty(accessKeyId) || string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(expires))
        {
            throw new SignatureException(SignatureErrorCode.AccessDenied, "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
        }

        // Base64 has '+', which a URL carries as "%2B"; a signer that left it raw sees it decoded as a space, and a
        // space can never be part of base64, so turning it back loses nothing.
        return new Claim(accessKeyId, signature.Replace(' ', '+'), expires);
    }

    private static string? Single(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            throw new SignatureException(SignatureErrorCode.InvalidArgument, $"{name} appears more than once.")
            {
                Details = [new("ArgumentName", name)],
            };
        }

        return values[0];
    }

    /// <summary>
    /// "Time stamp requirement": x-amz-date, when sent, replaces Date (and the Date line of the string to sign is
    /// then empty); the time must be within 15 minutes of the server's. Returns the x-amz-date value, or null.
    /// </summary>
    private string? CheckRequestTime(IHeaderDictionary headers, out string dateLine)
    {
        var amzDate = headers[AmzDateHeader];
        var date = amzDate.Count > 0 ? amzDate : headers.Date;
        var sent = date.Count == 1 ? date[0]! : string.Empty;
        // A date before the Unix epoch is no valid request date at all: S3 answers AccessDenied, not the clock-skew
        // error it gives a merely distant date (ceph/s3-tests test_*_bad_date_before_epoch_aws2).
        if (!TryParseDate(sent, out var requestTime) || requestTime < DateTimeOffset.UnixEpoch)
        {
            throw SignatureErrors.NoValidDate();
        }

        var now = time.GetUtcNow();
        if ((now - requestTime).Duration() > SigV4Constants.MaxClockSkew)
        {
            throw SignatureErrors.RequestTimeTooSkewed(sent, now);
        }

        dateLine = amzDate.Count > 0 ? string.Empty : sent;
        return amzDate.Count > 0 ? sent : null;
    }

    /// <summary>Expires is the end of the URL's validity in seconds since the epoch (UTC); SigV2 sets no upper limit.</summary>
    private void CheckExpires(string expires)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new SignatureException(SignatureErrorCode.AccessDenied, "Invalid date (should be seconds since epoch): " + expires);
        }

        var now = time.GetUtcNow();
        if (now.ToUnixTimeSeconds() > seconds)
        {
            throw new SignatureException(SignatureErrorCode.ExpiredRequest)
            {
                Details =
                [
                    new("Expires", AmzDate.ToIso8601(DateTimeOffset.FromUnixTimeSeconds(seconds))),
                    new("ServerTime", AmzDate.ToIso8601(now)),
                ],
            };
        }
    }

    /// <summary>
    /// The dates RFC 2616 allows and the RFC 822 form with a numeric zone ("Tue, 27 Mar 2007 19:36:42 +0000") that
    /// AWS's own SigV2 examples and many older clients send.
    /// </summary>
    internal static bool TryParseDate(string value, out DateTimeOffset time)
    {
        if (HttpDates.Parse(value) is { } parsed)
        {
            time = parsed;
            return true;
        }

        var span = value.AsSpan().Trim();
        if (span.Length > 6 && span[^6] == ' ' && span[^5] is '+' or '-' && int.TryParse(span[^4..], NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            // .NET reads the offset as "+hh:mm": put the colon into "+hhmm".
            var withColon = string.Concat(span[..^2], ":", span[^2..]);
            return DateTimeOffset.TryParseExact(
                withColon, "ddd, d MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out time);
        }

        time = default;
        return false;
    }

    private static void VerifySignature(
        HttpRequest request, string secret, string accessKeyId, string signature, string dateLine, string? amzDate, string? virtualHostBucket)
    {
        RawRequestTarget.Split(request, out var rawPath, out var rawQuery);
        Span<byte> provided = stackalloc byte[SignatureLength];
        var decoded = Convert.TryFromBase64String(signature, provided, out var written) && written == SignatureLength;
        var key = Encoding.UTF8.GetBytes(secret);

        // S3 names a bucket as "/bucket/" in the CanonicalizedResource, whichever way it was addressed (AWS's List
        // and ACL examples sign "/johnsmith/"), and botocore signs a path-style "/bucket" request so.
        var bucketOnly = virtualHostBucket is null && SigV2StringToSign.IsBucketOnly(rawPath);
        var canonical = new SigV2StringToSign.Form(dateLine, AmzDateOnDateLine: false, SlashAfterBucket: bucketOnly);
        var stringToSign = new PooledByteWriter(256);
        try
        {
            SigV2StringToSign.Write(ref stringToSign, request, canonical, rawPath, rawQuery, virtualHostBucket);
            if (decoded
                && (Matches(key, stringToSign.Written, provided)
                    || MatchesOtherForm(request, key, provided, dateLine, amzDate, bucketOnly, rawPath, rawQuery, virtualHostBucket)))
            {
                return;
            }

            // What S3 returns so that a client author can diff it against their own signer's string.
            throw new SignatureException(SignatureErrorCode.SignatureDoesNotMatch)
            {
                Details =
                [
                    new("AWSAccessKeyId", accessKeyId),
                    new("StringToSign", stringToSign.ToUtf8String()),
                    new("SignatureProvided", signature),
                    new("StringToSignBytes", ToSpacedHex(stringToSign.Written)),
                ],
            };
        }
        finally
        {
            stringToSign.Dispose();
        }
    }

    /// <summary>
    /// The other strings that signers in use compute for the same request, tried only once the documented one has
    /// failed. Each binds the same method, headers, resource and time, so accepting it grants nothing the signer
    /// did not:
    /// <list type="bullet">
    /// <item>AWS's own "Object DELETE" example puts the x-amz-date value on the Date line and leaves the header out
    /// of CanonicalizedAmzHeaders, against the rule stated on the same page; that is exactly what the documented
    /// form signs for the same request sent with Date instead.</item>
    /// <item>Signers that take the path as sent (minio-go among them) sign a path-style bucket request as
    /// "/bucket", without the slash S3 adds.</item>
    /// </list>
    /// </summary>
    private static bool MatchesOtherForm(
        HttpRequest request, byte[] key, ReadOnlySpan<byte> provided, string dateLine, string? amzDate, bool bucketOnly,
        ReadOnlySpan<char> rawPath, ReadOnlySpan<char> rawQuery, string? virtualHostBucket)
    {
        List<SigV2StringToSign.Form> others = [];
        if (bucketOnly)
        {
            others.Add(new(dateLine, AmzDateOnDateLine: false, SlashAfterBucket: false));
        }

        if (amzDate is not null)
        {
            others.Add(new(amzDate, AmzDateOnDateLine: true, SlashAfterBucket: bucketOnly));
            if (bucketOnly)
            {
                others.Add(new(amzDate, AmzDateOnDateLine: true, SlashAfterBucket: false));
            }
        }

        foreach (var form in others)
        {
            var writer = new PooledByteWriter(256);
            try
            {
                SigV2StringToSign.Write(ref writer, request, form, rawPath, rawQuery, virtualHostBucket);
                if (Matches(key, writer.Written, provided))
                {
                    return true;
                }
            }
            finally
            {
                writer.Dispose();
            }
        }

        return false;
    }

    private static bool Matches(byte[] key, ReadOnlySpan<byte> stringToSign, ReadOnlySpan<byte> provided)
    {
        Span<byte> computed = stackalloc byte[SignatureLength];
        HMACSHA1.HashData(key, stringToSign, computed);
        return CryptographicOperations.FixedTimeEquals(computed, provided);
    }

    /// <summary>S3's StringToSignBytes form: lower-case hex bytes separated by spaces.</summary>
    private static string ToSpacedHex(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>The access key and signature the request carries, and for a presigned URL its Expires.</summary>
    private readonly record struct Claim(string AccessKeyId, string Signature, string? Expires);
}
