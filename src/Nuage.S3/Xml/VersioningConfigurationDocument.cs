using System.Xml;

namespace Nuage.S3.Xml;

/// <summary>
/// GetBucketVersioning for a bucket that has never had versioning enabled: an empty configuration, exactly as S3
/// answers (tools such as rclone and s3cmd ask before they copy).
/// </summary>
public static class VersioningConfigurationDocument
{
    public static void WriteUnversioned(XmlWriter xml)
    {
        xml.WriteStartElement("VersioningConfiguration", S3Xml.Namespace);
        xml.WriteEndElement();
    }
}
