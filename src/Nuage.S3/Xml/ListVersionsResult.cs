using System.Globalization;
using System.Xml;
using Nuage.Storage.Objects;

namespace Nuage.S3.Xml;

/// <summary>
/// ListObjectVersions response body (S3 API reference, ListVersionsResult): Version and DeleteMarker elements in
/// one sequence, keys in order and each key's versions newest first, then the common prefixes.
/// </summary>
public static class ListVersionsResult
{
    public sealed record Query(
        string Bucket, string Prefix, string? Delimiter, string? KeyMarker, string? VersionIdMarker, int MaxKeys, bool UrlEncode);

    public static void Write(XmlWriter xml, Query query, ListObjectVersionsPage page, Func<string, string> displayName)
    {
        var enc = query.UrlEncode;
        xml.WriteStartElement("ListVersionsResult", S3Xml.Namespace);
        xml.WriteElementString("Name", query.Bucket);
        xml.WriteElementString("Prefix", S3UrlEncoding.Encode(query.Prefix, enc));
        xml.WriteElementString("KeyMarker", S3UrlEncoding.Encode(query.KeyMarker ?? string.Empty, enc));
        xml.WriteElementString("VersionIdMarker", query.VersionIdMarker ?? string.Empty);
        if (page.IsTruncated)
        {
            xml.WriteElementString("NextKeyMarker", S3UrlEncoding.Encode(page.NextKeyMarker ?? string.Empty, enc));
            if (page.NextVersionIdMarker is not null)
            {
                xml.WriteElementString("NextVersionIdMarker", page.NextVersionIdMarker);
            }
        }

        xml.WriteElementString("MaxKeys", query.MaxKeys.ToString(CultureInfo.InvariantCulture));
        if (query.Delimiter is not null)
        {
            xml.WriteElementString("Delimiter", S3UrlEncoding.Encode(query.Delimiter, enc));
        }

        if (enc)
        {
            xml.WriteElementString("EncodingType", "url");
        }

        xml.WriteElementString("IsTruncated", page.IsTruncated ? "true" : "false");
        foreach (var version in page.Versions)
        {
            xml.WriteStartElement(version.IsDeleteMarker ? "DeleteMarker" : "Version");
            xml.WriteElementString("Key", S3UrlEncoding.Encode(version.Key, enc));
            xml.WriteElementString("VersionId", version.VersionId);
            xml.WriteElementString("IsLatest", version.IsLatest ? "true" : "false");
            xml.WriteElementString("LastModified", S3Xml.Timestamp(version.LastModified));
            if (!version.IsDeleteMarker)
            {
                xml.WriteElementString("ETag", S3Xml.QuotedETag(version.ETag));
                if (version.Checksum is { } checksum)
                {
                    xml.WriteElementString("ChecksumAlgorithm", ChecksumNames.XmlName(checksum.Algorithm));
                    xml.WriteElementString("ChecksumType", checksum.IsComposite ? "COMPOSITE" : "FULL_OBJECT");
                }

                xml.WriteElementString("Size", version.Size.ToString(CultureInfo.InvariantCulture));
                xml.WriteElementString("StorageClass", "STANDARD");
            }

            OwnerElement.Write(xml, version.Owner, displayName(version.Owner));
            xml.WriteEndElement();
        }

        ObjectEntry.WriteCommonPrefixes(xml, page.CommonPrefixes, enc);
        xml.WriteEndElement();
    }
}
