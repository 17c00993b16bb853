using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Nuage.S3.Errors;
using Nuage.S3.ObjectLock;
using Nuage.Storage.Objects;

namespace Nuage.S3.Xml;

/// <summary>PutObjectRetention body and GetObjectRetention answer (S3 API reference, ObjectLockRetention: Mode, RetainUntilDate).</summary>
public static class RetentionDocument
{
    public static void Write(XmlWriter xml, ObjectLockMode mode, DateTimeOffset retainUntil)
    {
        xml.WriteStartElement("Retention", S3Xml.Namespace);
        xml.WriteElementString("Mode", ObjectLockNames.Mode(mode));
        xml.WriteElementString("RetainUntilDate", S3Xml.Timestamp(retainUntil));
        xml.WriteEndElement();
    }

    /// <summary>
    /// The requested retention; (null, null) for a document without Mode and date, which removes the retention
    /// (allowed only where it may be shortened). A mode without a date, or a date without a mode, is MalformedXML.
    /// </summary>
    public static (ObjectLockMode? Mode, DateTimeOffset? RetainUntil) Parse(XElement? root)
    {
        if (root is null || root.Name.LocalName != "Retention")
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        var modeText = S3XmlRequest.ChildValue(root, "Mode");
        var dateText = S3XmlRequest.ChildValue(root, "RetainUntilDate");
        if (modeText is null && dateText is null)
        {
            return (null, null);
        }

        var mode = ObjectLockNames.ParseMode(modeText) ?? throw new S3Exception(S3Error.MalformedXML);
        if (dateText is null || !DateTimeOffset.TryParse(dateText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until))
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        return (mode, until.ToUniversalTime());
    }
}
