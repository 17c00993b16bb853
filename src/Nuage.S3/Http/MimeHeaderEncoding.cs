using System.Text;
using System.Text.RegularExpressions;

namespace Nuage.S3.Http;

/// <summary>
/// HTTP header values carry ASCII only. S3 stores user metadata as Unicode and, "when using non US-ASCII characters
/// in your metadata values", returns such values as RFC 2047 encoded-words (=?UTF-8?B?...?=) and decodes them on the
/// way in (S3 user guide, "Working with object metadata"). The same encoding keeps any stored or overridden header
/// (Content-Disposition with "résumé.pdf", say) from making a response unsendable.
/// </summary>
public static partial class MimeHeaderEncoding
{
    /// <summary>The value as it may be sent: unchanged when it is printable ASCII, else one RFC 2047 B encoded-word.</summary>
    public static string Encode(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' and not '\t' or > '~')
            {
                return "=?UTF-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) + "?=";
            }
        }

        return value;
    }

    /// <summary>Decodes a value that is one RFC 2047 encoded-word in UTF-8 (B or Q encoding); anything else is returned as is.</summary>
    public static string Decode(string value)
    {
        var match = EncodedWord().Match(value);
        if (!match.Success)
        {
            return value;
        }

        try
        {
            var text = match.Groups["text"].Value;
            var bytes = match.Groups["encoding"].Value is "B" or "b"
                ? Convert.FromBase64String(text)
                : DecodeQ(text);
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            return value; // Not a valid encoded-word after all: keep what the client sent.
        }
    }

    /// <summary>RFC 2047 §4.2: "_" is a space, "=XX" a byte in hex, everything else itself.</summary>
    private static byte[] DecodeQ(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '_')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '=' && i + 2 < text.Length)
            {
                bytes.Add(Convert.FromHexString(text.AsSpan(i + 1, 2))[0]);
                i += 2;
            }
            else
            {
                bytes.Add((byte)c);
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex(@"^=\?UTF-8\?(?<encoding>[BbQq])\?(?<text>[^?]*)\?=$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EncodedWord();
}
