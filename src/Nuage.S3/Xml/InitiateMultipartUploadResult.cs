using System.Xml;

namespace Nuage.S3.Xml;

/// <summary>CreateMultipartUpload response body.</summary>
public static class InitiateMultipartUploadResult
{
    public static void Write(XmlWriter xml, string bucket, string key, string uploadId)
    {
        xml.WriteStartElement("InitiateMultipartUploadResult", S3Xml.Namespace);
        xml.WriteElementString("Bucket", bucket);
        xml.WriteElementString("Key", key);
        xml.WriteElementString("UploadId", uploadId);
        xml.WriteEndElement();
    }
}
