using System.Xml;
using Nuage.Storage.Objects;

namespace Nuage.S3.Xml;

/// <summary>CompleteMultipartUpload response body.</summary>
public static class CompleteMultipartUploadResult
{
    public static void Write(XmlWriter xml, string location, ObjectInfo info)
    {
        xml.WriteStartElement("CompleteMultipartUploadResult", S3Xml.Namespace);
        xml.WriteElementString("Location", location);
        xml.WriteElementString("Bucket", info.Bucket);
        xml.WriteElementString("Key", info.Key);
        xml.WriteElementString("ETag", S3Xml.QuotedETag(info.ETag));
        if (info.Checksum is { } checksum)
        {
            xml.WriteElementString(ChecksumNames.ElementName(checksum.Algorithm), checksum.Value);
            xml.WriteElementString("ChecksumType", checksum.IsComposite ? "COMPOSITE" : "FULL_OBJECT");
        }

        xml.WriteEndElement();
    }
}
