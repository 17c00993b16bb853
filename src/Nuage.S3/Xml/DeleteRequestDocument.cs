using System.Xml.Linq;
using Nuage.S3.Errors;

namespace Nuage.S3.Xml;

/// <summary>
/// DeleteObjects request body: &lt;Delete&gt;&lt;Quiet/&gt;&lt;Object&gt;&lt;Key/&gt;&lt;VersionId/&gt;&lt;ETag/&gt;&lt;/Object&gt;...; an
/// ETag makes that key's delete conditional, as If-Match does for DeleteObject (AWS "How to perform conditional deletes").
/// </summary>
public sealed record DeleteRequestDocument(bool Quiet, IReadOnlyList<(string Key, string? VersionId, string? ETag)> Objects)
{
    /// <summary>S3 accepts at most 1000 keys per DeleteObjects request.</summary>
    public const int MaxKeys = 1000;

    public static DeleteRequestDocument Parse(XElement? root)
    {
        if (root is null || root.Name.LocalName != "Delete")
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        var quiet = string.Equals(S3XmlRequest.ChildValue(root, "Quiet")?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        var objects = new List<(string, string?, string?)>();
        foreach (var element in S3XmlRequest.Children(root, "Object"))
        {
            var key = S3XmlRequest.ChildValue(element, "Key");
            if (key is null)
            {
                throw new S3Exception(S3Error.MalformedXML);
            }

            // Size and LastModifiedTime conditions are "only supported for directory buckets" (API reference,
            // ObjectIdentifier); a general purpose bucket must not delete the key while ignoring them, so the
            // request is refused as DeleteObject refuses x-amz-if-match-size (see S3Router).
            if (S3XmlRequest.ChildValue(element, "Size") is not null || S3XmlRequest.ChildValue(element, "LastModifiedTime") is not null)
            {
                throw new S3Exception(S3Error.NotImplemented, "Size and LastModifiedTime conditions are supported for directory buckets only.");
            }

            objects.Add((key, S3XmlRequest.ChildValue(element, "VersionId"), S3XmlRequest.ChildValue(element, "ETag")));
        }

        if (objects.Count is 0 or > MaxKeys)
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        return new DeleteRequestDocument(quiet, objects);
    }
}
