using System.Globalization;
using System.Xml;
using Nuage.S3.Routing;
using Nuage.Storage.Objects;

namespace Nuage.S3.Xml;

/// <summary>
/// The GetObjectAttributesResponse body (S3 API reference, "GetObjectAttributes"): only the root elements asked for,
/// in the reference's order. The ETag is unquoted there, unlike in every other document. ObjectParts is given for
/// multipart objects only, a page of part numbers and sizes, with each part's own checksum when the upload declared
/// an algorithm ("ObjectPart": "This checksum is present if the multipart upload request was created with the ...
/// checksum algorithm").
/// </summary>
public static class ObjectAttributesDocument
{
    public static void Write(XmlWriter xml, ObjectInfo info, IReadOnlySet<string> attributes, int maxParts, int partNumberMarker)
    {
        xml.WriteStartElement("GetObjectAttributesResponse", S3Xml.Namespace);
        if (attributes.Contains(ObjectAttributeNames.ETag))
        {
            xml.WriteElementString("ETag", info.ETag);
        }

        if (attributes.Contains(ObjectAttributeNames.Checksum) && info.Checksum is { } checksum)
        {
            xml.WriteStartElement("Checksum");
            xml.WriteElementString(ChecksumNames.ElementName(checksum.Algorithm), checksum.Value);
            xml.WriteElementString("ChecksumType", checksum.IsComposite ? "COMPOSITE" : "FULL_OBJECT");
            xml.WriteEndElement();
        }

        if (attributes.Contains(ObjectAttributeNames.ObjectParts) && info.PartSizes is { } sizes)
        {
            WriteParts(xml, sizes, info.Checksum is { } c && info.PartChecksums is { } own ? (c.Algorithm, own) : null, maxParts, partNumberMarker);
        }

        if (attributes.Contains(ObjectAttributeNames.StorageClass))
        {
            xml.WriteElementString("StorageClass", "STANDARD");
        }

        if (attributes.Contains(ObjectAttributeNames.ObjectSize))
        {
            xml.WriteElementString("ObjectSize", info.Size.ToString(CultureInfo.InvariantCulture));
        }

        xml.WriteEndElement();
    }

    private static void WriteParts(
        XmlWriter xml, IReadOnlyList<long> sizes, (ChecksumAlgorithm Algorithm, IReadOnlyList<string> Values)? checksums, int maxParts, int partNumberMarker)
    {
        // The wire name of TotalPartsCount is PartsCount (the API model's XML name).
        xml.WriteStartElement("ObjectParts");
        xml.WriteElementString("PartsCount", sizes.Count.ToString(CultureInfo.InvariantCulture));
        xml.WriteElementString("PartNumberMarker", partNumberMarker.ToString(CultureInfo.InvariantCulture));
        int first = Math.Min(partNumberMarker, sizes.Count);
        int count = Math.Min(maxParts, sizes.Count - first);
        bool truncated = first + count < sizes.Count;
        if (truncated)
        {
            xml.WriteElementString("NextPartNumberMarker", (first + count).ToString(CultureInfo.InvariantCulture));
        }

        xml.WriteElementString("MaxParts", maxParts.ToString(CultureInfo.InvariantCulture));
        xml.WriteElementString("IsTruncated", truncated ? "true" : "false");
        for (int i = first; i < first + count; i++)
        {
            xml.WriteStartElement("Part");
            xml.WriteElementString("PartNumber", (i + 1).ToString(CultureInfo.InvariantCulture));
            xml.WriteElementString("Size", sizes[i].ToString(CultureInfo.InvariantCulture));
            if (checksums is { } own && i < own.Values.Count)
            {
                xml.WriteElementString(ChecksumNames.ElementName(own.Algorithm), own.Values[i]);
            }
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }
}
