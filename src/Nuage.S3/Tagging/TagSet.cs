using System.Text;
using Nuage.S3.Errors;

namespace Nuage.S3.Tagging;

/// <summary>
/// A bucket's or an object's tags, in the order they were given. Validated on creation against S3's rules
/// ("Categorizing your storage using tags": keys unique, "a tag key can be up to 128 Unicode characters in length,
/// and tag values can be up to 256 Unicode characters in length", counted in UTF-16 as S3 does; the count limit is
/// the caller's: 10 on an object, 50 on a bucket, PutBucketTagging). Stored as the URL-encoded query string that
/// the x-amz-tagging header carries, so one form serves the header, the database column and the bucket setting.
/// </summary>
public sealed class TagSet
{
    public const int MaxObjectTags = 10;
    public const int MaxBucketTags = 50;
    private const int MaxKeyLength = 128;
    private const int MaxValueLength = 256;

    private TagSet(IReadOnlyList<KeyValuePair<string, string>> tags) => Tags = tags;

    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; }

    public int Count => Tags.Count;

    /// <exception cref="S3Exception">InvalidTag (400) for a rule the set breaks, with S3's wording.</exception>
    public static TagSet Create(IReadOnlyList<KeyValuePair<string, string>> tags, int maxTags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Count > maxTags)
        {
            throw new S3Exception(S3Error.InvalidTag, maxTags == MaxObjectTags ? "Object tags cannot be greater than 10" : "Bucket tag count cannot be greater than 50");
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > MaxKeyLength || !AllowedCharacters(key))
            {
                throw new S3Exception(S3Error.InvalidTag, "The TagKey you have provided is invalid");
            }

            if (value.Length > MaxValueLength || !AllowedCharacters(value))
            {
                throw new S3Exception(S3Error.InvalidTag, "The TagValue you have provided is invalid");
            }

            if (!keys.Add(key))
            {
                throw new S3Exception(S3Error.InvalidTag, "Cannot provide multiple Tags with the same key");
            }
        }

        return new TagSet(tags);
    }

    /// <summary>
    /// The x-amz-tagging form, "encoded as URL Query parameters" (PutObject): <c>k1=v1&amp;k2=v2</c>; a key without
    /// "=" has an empty value.
    /// </summary>
    /// <exception cref="S3Exception">InvalidArgument for text that does not decode; InvalidTag as <see cref="Create"/>.</exception>
    public static TagSet FromQueryString(string text, int maxTags)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : pair[(equals + 1)..];
            tags.Add(new(Decode(key), Decode(value)));
        }

        return Create(tags, maxTags);
    }

    public string ToQueryString()
    {
        var text = new StringBuilder();
        foreach (var (key, value) in Tags)
        {
            if (text.Length > 0)
            {
                text.Append('&');
            }

            text.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return text.ToString();
    }

    /// <summary>
    /// "letters, numbers, and spaces representable in UTF-8, and the following characters: + - = . _ : / @"
    /// (AWS Billing, "User-defined tag restrictions", which the S3 tagging guide refers to).
    /// </summary>
    private static bool AllowedCharacters(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetterOrDigit(rune) && !Rune.IsWhiteSpace(rune) && !(rune.IsAscii && "+-=._:/@".Contains((char)rune.Value, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            throw new S3Exception(S3Error.InvalidArgument, "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.");
        }
    }
}
