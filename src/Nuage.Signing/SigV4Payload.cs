using System.Globalization;
using Microsoft.AspNetCore.Http;
using Nuage.Iam;

namespace Nuage.Signing;

/// <summary>
/// The payload side of SigV4: which hash the canonical request carries (x-amz-content-sha256) and the body the
/// door reads, wrapped so that the hash, or each aws-chunked chunk and trailer signature, is checked while it streams.
/// </summary>
internal static class SigV4Payload
{
    /// <summary>
    /// The payload hash that goes into the canonical request. Header auth must send x-amz-content-sha256 and sign it
    /// (S3 answers InvalidRequest otherwise); presigned URLs default to UNSIGNED-PAYLOAD.
    /// </summary>
    /// <param name="computedHash">The hash of a body the door buffered (query APIs), which replaces the header when
    /// the client sent none.</param>
    public static string ReadHash(IHeaderDictionary headers, bool presigned, ReadOnlySpan<char> signedHeaders, string? computedHash, out PayloadMode mode)
    {
        var values = headers[SigV4Constants.ContentSha256Header];
        if (values.Count == 0)
        {
            if (computedHash is not null)
            {
                mode = PayloadMode.Sha256;
                return computedHash;
            }

            if (presigned)
            {
                mode = PayloadMode.Unsigned;
                return SigV4Constants.UnsignedPayload;
            }

            throw SignatureErrors.InvalidRequest("Missing required header for this request: x-amz-content-sha256");
        }

        if (!presigned && !SigV4Authenticator.ContainsHeader(signedHeaders, SigV4Constants.ContentSha256Header))
        {
            throw SignatureErrors.InvalidRequest("header 'x-amz-content-sha256' must be included in signature");
        }

        var value = values.Count == 1 ? values[0]! : string.Empty;
        mode = value switch
        {
            SigV4Constants.UnsignedPayload => PayloadMode.Unsigned,
            SigV4Constants.StreamingSigned => PayloadMode.StreamingSigned,
            SigV4Constants.StreamingSignedTrailer => PayloadMode.StreamingSignedTrailer,
            SigV4Constants.StreamingUnsignedTrailer => PayloadMode.StreamingUnsignedTrailer,
            _ when value.Length == 64 && Hex.TryDecode(value, stackalloc byte[32]) => PayloadMode.Sha256,
            _ => throw new SignatureException(
                SignatureErrorCode.InvalidArgument,
                "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, or a valid sha256 value.")
            {
                Details = [new("ArgumentName", SigV4Constants.ContentSha256Header), new("ArgumentValue", value)],
            },
        };
        return value;
    }

    public static AuthenticatedRequest CreateResult(
        HttpRequest request,
        Principal principal,
        PayloadMode mode,
        string payloadHash,
        byte[] signingKey,
        string amzDate,
        ReadOnlySpan<char> scope,
        ReadOnlySpan<byte> seedSignature)
    {
        switch (mode)
        {
            case PayloadMode.Sha256:
                var expected = Convert.FromHexString(payloadHash);
                if (request.ContentLength == 0 && payloadHash.Equals(SigV4Constants.EmptySha256Hex, StringComparison.OrdinalIgnoreCase))
                {
                    return new AuthenticatedRequest(principal, Stream.Null, 0, null);
                }

                var verifying = new ContentSha256Stream(request.Body, expected);
                request.HttpContext.Response.RegisterForDispose(verifying);
                return new AuthenticatedRequest(principal, verifying, request.ContentLength, null);

            case PayloadMode.Unsigned:
                return new AuthenticatedRequest(principal, request.Body, request.ContentLength, null);

            default:
                var decodedLength = ReadDecodedLength(request.Headers);
                var chain = mode == PayloadMode.StreamingUnsignedTrailer
                    ? null
                    : new ChunkSignatureChain(signingKey, amzDate, scope, seedSignature);
                var hasTrailer = mode != PayloadMode.StreamingSigned;
                var declared = hasTrailer ? ReadDeclaredTrailers(request.Headers) : [];
                var chunked = new AwsChunkedStream(request.Body, chain, hasTrailer, decodedLength, declared);

                // Returns the pooled buffer and hash contexts at the end of the request even if a handler stops reading early.
                request.HttpContext.Response.RegisterForDispose(chunked);
                return new AuthenticatedRequest(principal, chunked, decodedLength, chunked);
        }
    }

    private static long? ReadDecodedLength(IHeaderDictionary headers)
    {
        var values = headers[SigV4Constants.DecodedContentLengthHeader];
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count == 1 && long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return length;
        }

        throw new SignatureException(SignatureErrorCode.InvalidArgument, "x-amz-decoded-content-length must be a non-negative integer.")
        {
            Details = [new("ArgumentName", SigV4Constants.DecodedContentLengthHeader)],
        };
    }

    private static string[] ReadDeclaredTrailers(IHeaderDictionary headers)
    {
        var values = headers[SigV4Constants.TrailerHeader];
        if (values.Count == 0)
        {
            return [];
        }

        var names = new List<string>();
        foreach (var value in values)
        {
            foreach (var name in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                names.Add(name.ToLowerInvariant());
            }
        }

        return [.. names];
    }
}
