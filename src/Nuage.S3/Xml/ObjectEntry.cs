using System.Xml;
using Nuage.Storage.Objects;

namespace Nuage.S3.Xml;

/// <summary>A &lt;Contents&gt; entry of ListObjects and ListObjectsV2.</summary>
public static class ObjectEntry
{
    /// <param name="displayName">An owner's display name from its account id (the account's name).</param>
    public static void Write(XmlWriter xml, ObjectInfo item, bool urlEncode, bool withOwner, Func<string, string> displayName)
    {
        xml.WriteStartElement("Contents");
        xml.WriteElementString("Key", S3UrlEncoding.Encode(item.Key, urlEncode));
        xml.WriteElementString("LastModified", S3Xml.Timestamp(item.LastModified));
        xml.WriteElementString("ETag", S3Xml.QuotedETag(item.ETag));
        if (item.Checksum is { } checksum)
        {
            xml.WriteElementString("ChecksumAlgorithm", ChecksumNames.XmlName(checksum.Algorithm));
            xml.WriteElementString("ChecksumType", checksum.IsComposite ? "COMPOSITE" : "FULL_OBJECT");
        }

        xml.WriteElementString("Size", item.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (withOwner)
        {
            OwnerElement.Write(xml, item.Owner, displayName(item.Owner));
        }

        xml.WriteElementString("StorageClass", "STANDARD");
        xml.WriteEndElement();
    }

    public static void WriteCommonPrefixes(XmlWriter xml, IReadOnlyList<string> prefixes, bool urlEncode)
    {
        foreach (var prefix in prefixes)
        {
            xml.WriteStartElement("CommonPrefixes");
            xml.WriteElementString("Prefix", S3UrlEncoding.Encode(prefix, urlEncode));
            xml.WriteEndElement();
        }
    }
}
