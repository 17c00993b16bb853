using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Nuage.Iam;

namespace Nuage.Signing;

/// <summary>
/// A request whose signature has been verified, or that carries none: who sent it (null when anonymous), and its
/// body with the auth framing removed. Whether an anonymous request may proceed is the door's decision (bucket
/// policies can grant anonymous access), not the verifier's.
/// </summary>
public sealed class AuthenticatedRequest
{
    private readonly AwsChunkedStream? _chunked;

    internal AuthenticatedRequest(Principal? principal, Stream body, long? decodedContentLength, AwsChunkedStream? chunked)
    {
        Principal = principal;
        Body = body;
        DecodedContentLength = decodedContentLength;
        _chunked = chunked;
    }

    /// <summary>The principal of the access key that signed the request; null for an anonymous request.</summary>
    public Principal? Principal { get; }

    [MemberNotNullWhen(false, nameof(Principal))]
    public bool IsAnonymous => Principal is null;

    /// <summary>
    /// The payload, read once and forward only. Integrity checks run while it is read: a read throws
    /// <see cref="SignatureException"/> (SignatureDoesNotMatch, XAmzContentSHA256Mismatch, IncompleteBody,
    /// InvalidRequest) when the body turns out not to be the signed one, the last of them from the read that would
    /// have returned end of stream. Callers must read to the end before committing anything.
    /// </summary>
    public Stream Body { get; }

    /// <summary>The payload length: x-amz-decoded-content-length for aws-chunked bodies, else Content-Length; null when unknown.</summary>
    public long? DecodedContentLength { get; }

    /// <summary>
    /// A trailing header of an aws-chunked body (e.g. "x-amz-checksum-crc32"), available once <see cref="Body"/>
    /// has been read to its end; null before that, when it was not sent, or for bodies without trailers.
    /// </summary>
    public string? GetTrailer(string name) => _chunked?.GetTrailer(name);

    /// <summary>
    /// An unsigned request: the body as it arrives, its length from Content-Length. Also what a door takes a request
    /// to be when it must not verify anything, such as a CORS preflight, which browsers send without credentials.
    /// </summary>
    public static AuthenticatedRequest Anonymous(HttpRequest request) => new(null, request.Body, request.ContentLength, null);
}
