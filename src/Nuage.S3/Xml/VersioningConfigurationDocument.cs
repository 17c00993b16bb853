using System.Xml;
using System.Xml.Linq;
using Nuage.S3.Errors;
using Nuage.Storage.Buckets;

namespace Nuage.S3.Xml;

/// <summary>
/// GetBucketVersioning answer and PutBucketVersioning body (S3 API reference, VersioningConfiguration: Status
/// Enabled | Suspended, MfaDelete Enabled | Disabled). A bucket that has never had versioning enabled answers an
/// empty configuration, exactly as S3 does (tools such as rclone and s3cmd ask before they copy).
/// </summary>
public static class VersioningConfigurationDocument
{
    public static void Write(XmlWriter xml, VersioningState state)
    {
        xml.WriteStartElement("VersioningConfiguration", S3Xml.Namespace);
        if (state != VersioningState.Unversioned)
        {
            xml.WriteElementString("Status", state == VersioningState.Enabled ? "Enabled" : "Suspended");
        }

        xml.WriteEndElement();
    }

    /// <summary>
    /// The requested state; null when the document names no Status (nothing to change). MFA delete is not offered:
    /// "MfaDelete: Enabled" answers NotImplemented, as the issue allows, rather than being silently ignored.
    /// </summary>
    public static VersioningState? Parse(XElement? root)
    {
        if (root is null || root.Name.LocalName != "VersioningConfiguration")
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        var mfa = S3XmlRequest.ChildValue(root, "MfaDelete");
        if (mfa is not null && mfa != "Disabled")
        {
            throw mfa == "Enabled"
                ? new S3Exception(S3Error.NotImplemented, "MFA delete is not supported by Nuage.")
                : new S3Exception(S3Error.MalformedXML);
        }

        return S3XmlRequest.ChildValue(root, "Status") switch
        {
            null => null,
            "Enabled" => VersioningState.Enabled,
            "Suspended" => VersioningState.Suspended,
            _ => throw new S3Exception(S3Error.MalformedXML),
        };
    }
}
