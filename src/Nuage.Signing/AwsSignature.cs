using Microsoft.AspNetCore.Http;

namespace Nuage.Signing;

/// <summary>What can be read from a signed request before verifying it.</summary>
public static class AwsSignature
{
    /// <summary>
    /// The service of a SigV4 request's credential scope ("AK/date/region/SERVICE/aws4_request", from the
    /// Authorization header or the X-Amz-Credential query), so that a port serving several AWS APIs can hand the
    /// request to the door of that service (DESIGN.md: s3, iam, sts or iotdata). Nothing is verified: the door's
    /// authenticator still checks the scope against its own service. Null when the request is unsigned, signed with
    /// SigV2 (which has no scope: S3's), or its credential cannot be read.
    /// </summary>
    public static string? PeekService(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Headers.Authorization;
        if (authorization.Count > 0)
        {
            return authorization.Count == 1 ? FromHeader(authorization[0]) : null;
        }

        // Most requests carry no query signature: a look at the raw string spares parsing the query for them.
        var query = request.QueryString.Value;
        if (string.IsNullOrEmpty(query) || !query.Contains("X-Amz-Credential=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var credential = request.Query["X-Amz-Credential"];
        return credential.Count == 1 ? FromCredential(credential[0]) : null;
    }

    /// <summary>
    /// The region of the request's SigV4 credential scope ("AK/DATE/REGION/SERVICE/aws4_request"), from the
    /// Authorization header or a presigned URL's X-Amz-Credential; null for anything else. For telling a client it
    /// signed for another region of the federation (docs/regions.md), after its signature was verified.
    /// </summary>
    public static string? PeekRegion(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Headers.Authorization;
        string? credential = authorization.Count switch
        {
            1 => CredentialOfHeader(authorization[0]),
            0 when request.Query.TryGetValue("X-Amz-Credential", out var query) && query.Count == 1 => query[0],
            _ => null,
        };
        var parts = credential?.Split('/');
        return parts is { Length: 5 } && parts[2].Length > 0 ? parts[2] : null;
    }

    private static string? CredentialOfHeader(string? header)
    {
        var text = (header ?? string.Empty).Trim();
        if (!text.StartsWith(SigV4Constants.Algorithm + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var at = text.IndexOf("Credential=", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var value = text[(at + "Credential=".Length)..];
        var end = value.AsSpan().IndexOfAny(", \t");
        return end < 0 ? value : value[..end];
    }

    private static string? FromHeader(ReadOnlySpan<char> header)
    {
        header = header.Trim();
        if (!header.StartsWith(SigV4Constants.Algorithm + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var at = header.IndexOf("Credential=", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var value = header[(at + "Credential=".Length)..];
        var end = value.IndexOfAny(", \t");
        return FromCredential(end < 0 ? value : value[..end]);
    }

    private static string? FromCredential(ReadOnlySpan<char> credential)
    {
        Span<Range> parts = stackalloc Range[6];
        if (credential.Split(parts, '/') != 5)
        {
            return null;
        }

        var service = credential[parts[3]];

        // The services Nuage serves come back as literals, so routing a request allocates nothing.
        return service switch
        {
            [] => null,
            "s3" => "s3",
            "iam" => "iam",
            "sts" => "sts",
            "iotdata" => "iotdata",
            _ => service.ToString(),
        };
    }
}
