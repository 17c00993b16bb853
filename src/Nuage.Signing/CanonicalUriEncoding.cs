using System.Buffers;
using System.Text;

namespace Nuage.Signing;

/// <summary>
/// Canonical URI and query string of a SigV4 canonical request, computed from the request target exactly as the
/// client sent it ("Signature Calculations for the Authorization Header", CanonicalURI and CanonicalQueryString):
/// every byte except the unreserved characters A-Z a-z 0-9 - . _ ~ is percent-encoded with upper-case hex, and for
/// S3 the path is neither normalized (no "." / ".." / "//" collapsing) nor encoded twice.
/// </summary>
internal static class CanonicalUriEncoding
{
    private static ReadOnlySpan<byte> UpperDigits => "0123456789ABCDEF"u8;

    /// <summary>
    /// Writes the canonical form of one raw component. Escapes already in the raw text are decoded and re-encoded,
    /// so "%7e", "~" and "%7E" all become "~" and "$" becomes "%24": a client that escaped more or less than the
    /// canonical set still matches. In a path '/' separates segments and stays; an escaped "%2F" stays escaped,
    /// because it is part of a key, not a separator.
    /// </summary>
    public static void WriteCanonical(ref PooledByteWriter writer, ReadOnlySpan<char> raw, bool isPath)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '%' && i + 2 < raw.Length && Hex.Value(raw[i + 1]) >= 0 && Hex.Value(raw[i + 2]) >= 0)
            {
                var b = (Hex.Value(raw[i + 1]) << 4) | Hex.Value(raw[i + 2]);
                i += 2;
                if (IsUnreserved(b))
                {
                    writer.Write((byte)b);
                }
                else
                {
                    WriteEscaped(ref writer, (byte)b);
                }
            }
            else if (IsUnreserved(c) || (isPath && c == '/'))
            {
                writer.Write((byte)c);
            }
            else if (c < 0x80)
            {
                WriteEscaped(ref writer, (byte)c);
            }
            else
            {
                var length = char.IsHighSurrogate(c) && i + 1 < raw.Length && char.IsLowSurrogate(raw[i + 1]) ? 2 : 1;
                var count = Encoding.UTF8.GetBytes(raw.Slice(i, length), utf8);
                for (var j = 0; j < count; j++)
                {
                    WriteEscaped(ref writer, utf8[j]);
                }

                i += length - 1;
            }
        }
    }

    /// <summary>The canonical URI: the encoded absolute path, "/" when empty.</summary>
    public static void WriteCanonicalPath(ref PooledByteWriter writer, ReadOnlySpan<char> rawPath)
    {
        if (rawPath.IsEmpty)
        {
            writer.Write((byte)'/');
            return;
        }

        WriteCanonical(ref writer, rawPath, isPath: true);
    }

    /// <summary>
    /// The canonical query string: each name and value encoded, sorted by name then value (byte order), "name="
    /// for a parameter without value. For presigned URLs X-Amz-Signature is left out, since it cannot sign itself.
    /// </summary>
    public static void WriteCanonicalQuery(ref PooledByteWriter writer, ReadOnlySpan<char> rawQuery, bool excludeSignature)
    {
        if (rawQuery.IsEmpty)
        {
            return;
        }

        var count = rawQuery.Count('&') + 1;
        var ranges = ArrayPool<QueryParameter>.Shared.Rent(count);
        var scratch = new PooledByteWriter(rawQuery.Length * 3 + 16);
        byte[]? bytes = null;
        try
        {
            var n = 0;
            foreach (var range in rawQuery.Split('&'))
            {
                var pair = rawQuery[range];
                if (pair.IsEmpty)
                {
                    continue;
                }

                var eq = pair.IndexOf('=');
                var name = eq < 0 ? pair : pair[..eq];
                var value = eq < 0 ? [] : pair[(eq + 1)..];
                var nameStart = scratch.Length;
                WriteCanonical(ref scratch, name, isPath: false);
                var valueStart = scratch.Length;
                WriteCanonical(ref scratch, value, isPath: false);
                var parameter = new QueryParameter(nameStart, valueStart - nameStart, valueStart, scratch.Length - valueStart);
                if (excludeSignature && scratch.Written.Slice(nameStart, parameter.NameLength).SequenceEqual("X-Amz-Signature"u8))
                {
                    continue;
                }

                ranges[n++] = parameter;
            }

            bytes = ArrayPool<byte>.Shared.Rent(Math.Max(scratch.Length, 1));
            scratch.Written.CopyTo(bytes);
            ranges.AsSpan(0, n).Sort(new QueryParameterComparer(bytes));
            for (var i = 0; i < n; i++)
            {
                if (i > 0)
                {
                    writer.Write((byte)'&');
                }

                var p = ranges[i];
                writer.Write(bytes.AsSpan(p.NameStart, p.NameLength));
                writer.Write((byte)'=');
                writer.Write(bytes.AsSpan(p.ValueStart, p.ValueLength));
            }
        }
        finally
        {
            scratch.Dispose();
            ArrayPool<QueryParameter>.Shared.Return(ranges);
            if (bytes is not null)
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }
    }

    private static bool IsUnreserved(int c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~';

    private static void WriteEscaped(ref PooledByteWriter writer, byte b)
    {
        writer.Write((byte)'%');
        writer.Write(UpperDigits[b >> 4]);
        writer.Write(UpperDigits[b & 0xF]);
    }

    private readonly record struct QueryParameter(int NameStart, int NameLength, int ValueStart, int ValueLength);

    private sealed class QueryParameterComparer(byte[] bytes) : IComparer<QueryParameter>
    {
        public int Compare(QueryParameter x, QueryParameter y)
        {
            var byName = bytes.AsSpan(x.NameStart, x.NameLength).SequenceCompareTo(bytes.AsSpan(y.NameStart, y.NameLength));
            return byName != 0
                ? byName
                : bytes.AsSpan(x.ValueStart, x.ValueLength).SequenceCompareTo(bytes.AsSpan(y.ValueStart, y.ValueLength));
        }
    }
}
