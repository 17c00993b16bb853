using System.Globalization;
using System.Xml;
using Nuage.Storage.Multipart;
using Nuage.Storage.Objects;

namespace Nuage.S3.Xml;

/// <summary>ListParts response body.</summary>
public static class ListPartsResult
{
    public static void Write(XmlWriter xml, PartsPage page, int partNumberMarker, int maxParts, Func<string, string> displayName)
    {
        var upload = page.Upload;
        xml.WriteStartElement("ListPartsResult", S3Xml.Namespace);
        xml.WriteElementString("Bucket", upload.Bucket);
        xml.WriteElementString("Key", upload.Key);
        xml.WriteElementString("UploadId", upload.UploadId);
        OwnerElement.Write(xml, upload.Owner, displayName(upload.Owner), "Initiator");
        OwnerElement.Write(xml, upload.Owner, displayName(upload.Owner));
        xml.WriteElementString("StorageClass", "STANDARD");
        if (upload.ChecksumAlgorithm is { } algorithm)
        {
            xml.WriteElementString("ChecksumAlgorithm", ChecksumNames.XmlName(algorithm));
        }

        if (upload.ChecksumType is { } type)
        {
            xml.WriteElementString("ChecksumType", ChecksumTypeNames.Name(type));
        }

        xml.WriteElementString("PartNumberMarker", partNumberMarker.ToString(CultureInfo.InvariantCulture));
        xml.WriteElementString("NextPartNumberMarker", page.NextPartNumberMarker.ToString(CultureInfo.InvariantCulture));
        xml.WriteElementString("MaxParts", maxParts.ToString(CultureInfo.InvariantCulture));
        xml.WriteElementString("IsTruncated", page.IsTruncated ? "true" : "false");
        foreach (var part in page.Parts)
        {
            xml.WriteStartElement("Part");
            xml.WriteElementString("PartNumber", part.PartNumber.ToString(CultureInfo.InvariantCulture));
            xml.WriteElementString("LastModified", S3Xml.Timestamp(part.LastModified));
            xml.WriteElementString("ETag", S3Xml.QuotedETag(part.ETag));
            xml.WriteElementString("Size", part.Size.ToString(CultureInfo.InvariantCulture));
            if (part.Checksum is { } checksum)
            {
                xml.WriteElementString(ChecksumNames.ElementName(checksum.Algorithm), checksum.Value);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }
}
