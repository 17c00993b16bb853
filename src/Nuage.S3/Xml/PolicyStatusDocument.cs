using System.Xml;

namespace Nuage.S3.Xml;

/// <summary>
/// GetBucketPolicyStatus answer (S3 API reference, PolicyStatus): whether the bucket policy is public, as
/// <see cref="Nuage.Iam.Acls.BucketPolicyPublicity"/> decides.
/// </summary>
public static class PolicyStatusDocument
{
    public static void Write(XmlWriter xml, bool isPublic)
    {
        ArgumentNullException.ThrowIfNull(xml);
        xml.WriteStartElement("PolicyStatus", S3Xml.Namespace);
        xml.WriteElementString("IsPublic", isPublic ? "true" : "false");
        xml.WriteEndElement();
    }
}
