using System.Globalization;
using System.Xml;
using Nuage.Storage.Objects;

namespace Nuage.S3.Xml;

/// <summary>ListObjects (version 1) response body. NextMarker is given only when a delimiter was used, as S3 does.</summary>
public static class ListBucketResultV1
{
    public sealed record Query(string Bucket, string Prefix, string? Delimiter, string? Marker, int MaxKeys, bool UrlEncode);

    public static void Write(XmlWriter xml, Query query, ListObjectsPage page, Func<string, string> displayName)
    {
        var enc = query.UrlEncode;
        xml.WriteStartElement("ListBucketResult", S3Xml.Namespace);
        xml.WriteElementString("Name", query.Bucket);
        xml.WriteElementString("Prefix", S3UrlEncoding.Encode(query.Prefix, enc));
        xml.WriteElementString("Marker", S3UrlEncoding.Encode(query.Marker ?? string.Empty, enc));
        if (page.IsTruncated && query.Delimiter is not null && page.LastEntry is not null)
        {
            xml.WriteElementString("NextMarker", S3UrlEncoding.Encode(page.LastEntry, enc));
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
        foreach (var item in page.Objects)
        {
            ObjectEntry.Write(xml, item, enc, withOwner: true, displayName);
        }

        ObjectEntry.WriteCommonPrefixes(xml, page.CommonPrefixes, enc);
        xml.WriteEndElement();
    }
}
