using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Nuage.Signing;

/// <summary>Reads the X-Amz-* parameters of a presigned URL ("Authenticating Requests: Using Query Parameters").</summary>
internal static class PresignedQueryParser
{
    public static SigV4Parameters Parse(IQueryCollection query, out string amzDate)
    {
        var algorithm = Single(query, "X-Amz-Algorithm");
        var credential = Single(query, "X-Amz-Credential");
        var date = Single(query, "X-Amz-Date");
        var expires = Single(query, "X-Amz-Expires");
        var signedHeaders = Single(query, "X-Amz-SignedHeaders");
        var signature = Single(query, "X-Amz-Signature");
        if (algorithm is null || credential is null || date is null || expires is null || signedHeaders is null || signature is null)
        {
            throw SignatureErrors.QueryMalformed(
                "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }

        if (algorithm != SigV4Constants.Algorithm)
        {
            throw SignatureErrors.QueryMalformed("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }

        if (!int.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds < 1 || seconds > SigV4Constants.MaxPresignedExpirySeconds)
        {
            throw SignatureErrors.QueryMalformed("X-Amz-Expires must be a number of seconds from 1 to 604800 (one week).");
        }

        if (signedHeaders.Length == 0)
        {
            throw SignatureErrors.QueryMalformed("X-Amz-SignedHeaders must include host.");
        }

        CredentialScope.Parse(credential.AsMemory(), presigned: true, out var accessKeyId, out var signingKeyId, out var scope, out var scopeDate, out var region, out var service);
        amzDate = date;
        return new SigV4Parameters
        {
            Presigned = true,
            AccessKeyId = accessKeyId,
            SigningKeyId = signingKeyId,
            Scope = scope,
            ScopeDate = scopeDate,
            Region = region,
            Service = service,
            SignedHeaders = signedHeaders.AsMemory(),
            Signature = signature.AsMemory(),
            ExpiresSeconds = seconds,
        };
    }

    private static string? Single(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            throw SignatureErrors.QueryMalformed($"{name} appears more than once.");
        }

        return values[0];
    }
}
