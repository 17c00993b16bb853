using System.Xml;
using System.Xml.Linq;
using Nuage.S3.Errors;
using Nuage.S3.ObjectLock;

namespace Nuage.S3.Xml;

/// <summary>PutObjectLegalHold body and GetObjectLegalHold answer (S3 API reference, ObjectLockLegalHold: Status ON | OFF).</summary>
public static class LegalHoldDocument
{
    public static void Write(XmlWriter xml, bool on)
    {
        xml.WriteStartElement("LegalHold", S3Xml.Namespace);
        xml.WriteElementString("Status", ObjectLockNames.LegalHold(on));
        xml.WriteEndElement();
    }

    public static bool Parse(XElement? root) =>
        root is not null && root.Name.LocalName == "LegalHold"
            ? ObjectLockNames.ParseLegalHold(S3XmlRequest.ChildValue(root, "Status")) ?? throw new S3Exception(S3Error.MalformedXML)
            : throw new S3Exception(S3Error.MalformedXML);
}
