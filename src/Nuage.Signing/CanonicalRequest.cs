using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Nuage.Signing;

/// <summary>
/// Writes the SigV4 canonical request ("Signature Calculations for the Authorization Header: Transferring Payload
/// in a Single Chunk", Task 1) as bytes:
/// method \n canonical URI \n canonical query \n canonical headers \n signed headers \n payload hash.
/// </summary>
internal static class CanonicalRequest
{
    public static void Write(
        ref PooledByteWriter writer,
        HttpRequest request,
        ReadOnlySpan<char> rawPath,
        ReadOnlySpan<char> rawQuery,
        bool presigned,
        ReadOnlySpan<char> signedHeaders,
        ReadOnlySpan<char> payloadHash)
    {
        writer.WriteUtf8(request.Method);
        writer.Write((byte)'\n');
        CanonicalUriEncoding.WriteCanonicalPath(ref writer, rawPath);
        writer.Write((byte)'\n');
        CanonicalUriEncoding.WriteCanonicalQuery(ref writer, rawQuery, excludeSignature: presigned);
        writer.Write((byte)'\n');
        foreach (var range in signedHeaders.Split(';'))
        {
            var name = signedHeaders[range];
            writer.WriteUtf8(name);
            writer.Write((byte)':');
            WriteHeaderValues(ref writer, request.Headers[HeaderNames.Get(name)]);
            writer.Write((byte)'\n');
        }

        writer.Write((byte)'\n');
        writer.WriteUtf8(signedHeaders);
        writer.Write((byte)'\n');
        writer.WriteUtf8(payloadHash);
    }

    /// <summary>Repeated headers join with ',' in the order received; each value is trimmed and runs of spaces collapse to one.</summary>
    private static void WriteHeaderValues(ref PooledByteWriter writer, StringValues values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                writer.Write((byte)',');
            }

            WriteHeaderValue(ref writer, values[i]);
        }
    }

    private static void WriteHeaderValue(ref PooledByteWriter writer, ReadOnlySpan<char> value)
    {
        value = value.Trim(" \t");
        var segmentStart = 0;
        var inSpace = false;
        for (var i = 0; i < value.Length; i++)
        {
            var isSpace = value[i] is ' ' or '\t';
            if (isSpace && !inSpace)
            {
                writer.WriteUtf8(value[segmentStart..i]);
                writer.Write((byte)' ');
                inSpace = true;
            }
            else if (!isSpace && inSpace)
            {
                segmentStart = i;
                inSpace = false;
            }
        }

        writer.WriteUtf8(value[segmentStart..]);
    }
}
