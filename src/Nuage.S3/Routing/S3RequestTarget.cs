using System.Text;
using Nuage.S3.Errors;

namespace Nuage.S3.Routing;

/// <summary>
/// Bucket and key taken from the raw request target, never from the framework's normalised path: a key such as
/// "../../etc/passwd" or "a//b" is an ordinary key in S3 and must reach the service byte for byte.
/// Path style is "/bucket/key"; virtual-host style is "bucket.{domain}" in Host with the key as the whole path.
/// </summary>
public readonly record struct S3RequestTarget(string? Bucket, string? Key)
{
    public static S3RequestTarget Parse(string rawTarget, string? host, string? domain)
    {
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        if (path.Length == 0 || path[0] != '/')
        {
            // Absolute-form targets (http://host/path) are legal HTTP/1.1; keep only the path.
            var schemeEnd = path.IndexOf("://", StringComparison.Ordinal);
            var slash = schemeEnd < 0 ? -1 : path.IndexOf('/', schemeEnd + 3);
            path = slash < 0 ? "/" : path[slash..];
        }

        var hostBucket = BucketFromHost(host, domain);
        if (hostBucket is not null)
        {
            var key = path.Length > 1 ? Decode(path.AsSpan(1)) : null;
            return new S3RequestTarget(hostBucket, key);
        }

        if (path.Length <= 1)
        {
            return new S3RequestTarget(null, null);
        }

        var rest = path.AsSpan(1);
        var end = rest.IndexOf('/');
        if (end < 0)
        {
            return new S3RequestTarget(Decode(rest), null);
        }

        var bucket = Decode(rest[..end]);
        var keyPart = rest[(end + 1)..];
        return new S3RequestTarget(bucket, keyPart.Length == 0 ? null : Decode(keyPart));
    }

    internal static string? BucketFromHost(string? host, string? domain)
    {
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(domain))
        {
            return null;
        }

        var colon = host.LastIndexOf(':');
        var name = colon > 0 && host.IndexOf(']', StringComparison.Ordinal) < colon ? host[..colon] : host;
        if (name.Length > domain.Length + 1
            && name.EndsWith(domain, StringComparison.OrdinalIgnoreCase)
            && name[name.Length - domain.Length - 1] == '.')
        {
            return name[..(name.Length - domain.Length - 1)];
        }

        return null;
    }

    /// <summary>Strict percent-decoding: bad escapes or bytes that are not UTF-8 are the client's error.</summary>
    internal static string Decode(ReadOnlySpan<char> encoded)
    {
        if (encoded.IndexOf('%') < 0)
        {
            return encoded.ToString();
        }

        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(encoded.Length)];
        var n = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c == '%')
            {
                if (i + 2 >= encoded.Length || !IsHex(encoded[i + 1]) || !IsHex(encoded[i + 2]))
                {
                    throw new S3Exception(S3Error.InvalidURI);
                }

                bytes[n++] = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                i += 2;
            }
            else
            {
                n += Encoding.UTF8.GetBytes(encoded.Slice(i, 1), bytes.AsSpan(n));
            }
        }

        try
        {
            return StrictUtf8.GetString(bytes, 0, n);
        }
        catch (DecoderFallbackException)
        {
            throw new S3Exception(S3Error.InvalidURI);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
