using System.Globalization;
using System.Xml;
using Nuage.Storage.Objects;

namespace Nuage.S3.Xml;

/// <summary>ListObjectsV2 response body.</summary>
public static class ListBucketResultV2
{
    public sealed record Query(
        string Bucket, string Prefix, string? Delimiter, string? StartAfter, string? ContinuationToken,
        int MaxKeys, bool FetchOwner, bool UrlEncode);

    public static void Write(
        XmlWriter xml, Query query, ListObjectsPage page, string? nextContinuationToken, Func<string, string> displayName)
    {
        var enc = query.UrlEncode;
        xml.WriteStartElement("ListBucketResult", S3Xml.Namespace);
        xml.WriteElementString("Name", query.Bucket);
        xml.WriteElementString("Prefix", S3UrlEncoding.Encode(query.Prefix, enc));
        if (query.StartAfter is not null)
        {
            xml.WriteElementString("StartAfter", S3UrlEncoding.Encode(query.StartAfter, enc));
        }

        if (query.ContinuationToken is not null)
        {
            xml.WriteElementString("ContinuationToken", query.ContinuationToken);
        }

        if (nextContinuationToken is not null)
        {
            xml.WriteElementString("NextContinuationToken", nextContinuationToken);
        }

        xml.WriteElementString("KeyCount", (page.Objects.Count + page.CommonPrefixes.Count).ToString(CultureInfo.InvariantCulture));
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
            ObjectEntry.Write(xml, item, enc, query.FetchOwner, displayName);
        }

        ObjectEntry.WriteCommonPrefixes(xml, page.CommonPrefixes, enc);
        xml.WriteEndElement();
    }
}
