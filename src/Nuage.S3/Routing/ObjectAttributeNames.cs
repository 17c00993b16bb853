using System.Globalization;
using Microsoft.AspNetCore.Http;
using Nuage.S3.Errors;

namespace Nuage.S3.Routing;

/// <summary>
/// The request headers of GetObjectAttributes: x-amz-object-attributes (which root elements to return; ETag,
/// Checksum, ObjectParts, StorageClass, ObjectSize, comma-separated, possibly over several header lines),
/// x-amz-max-parts and x-amz-part-number-marker (the page of ObjectParts).
/// </summary>
public static class ObjectAttributeNames
{
    public const string ETag = "ETag";
    public const string Checksum = "Checksum";
    public const string ObjectParts = "ObjectParts";
    public const string StorageClass = "StorageClass";
    public const string ObjectSize = "ObjectSize";

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { ETag, Checksum, ObjectParts, StorageClass, ObjectSize };

    public static IReadOnlySet<string> Parse(IHeaderDictionary headers)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in headers["x-amz-object-attributes"])
        {
            foreach (var part in (line ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Known.Contains(part))
                {
                    throw new S3Exception(S3Error.InvalidArgument, "Invalid attribute name specified.")
                    {
                        Details = [new("ArgumentName", "x-amz-object-attributes"), new("ArgumentValue", part)],
                    };
                }

                names.Add(part);
            }
        }

        return names.Count > 0 ? names : throw new S3Exception(
            S3Error.InvalidArgument, "The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty");
    }

    /// <summary>A whole-number header: absent is <paramref name="absent"/>, anything but digits is InvalidArgument.</summary>
    public static int Number(IHeaderDictionary headers, string name, int absent)
    {
        var text = headers[name].ToString();
        if (string.IsNullOrEmpty(text))
        {
            return absent;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new S3Exception(S3Error.InvalidArgument) { Details = [new("ArgumentName", name), new("ArgumentValue", text)] };
    }
}
