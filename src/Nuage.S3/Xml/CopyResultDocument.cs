using System.Xml;
using Nuage.Storage.Objects;

namespace Nuage.S3.Xml;

/// <summary>
/// CopyObjectResult (CopyObject) and CopyPartResult (UploadPartCopy) bodies. Only CopyObjectResult has a
/// ChecksumType: a part has no type of its own.
/// </summary>
public static class CopyResultDocument
{
    public static void Write(XmlWriter xml, string element, string etag, DateTimeOffset lastModified, ObjectChecksum? checksum)
    {
        xml.WriteStartElement(element, S3Xml.Namespace);
        xml.WriteElementString("ETag", S3Xml.QuotedETag(etag));
        xml.WriteElementString("LastModified", S3Xml.Timestamp(lastModified));
        if (checksum is not null)
        {
            xml.WriteElementString(ChecksumNames.ElementName(checksum.Algorithm), checksum.Value);
            if (element == "CopyObjectResult")
            {
                xml.WriteElementString("ChecksumType", checksum.IsComposite ? "COMPOSITE" : "FULL_OBJECT");
            }
        }

        xml.WriteEndElement();
    }
}
