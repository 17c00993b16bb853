using System.Xml;
using System.Xml.Linq;
using Nuage.Iam.Acls;
using Nuage.S3.Errors;

namespace Nuage.S3.Xml;

/// <summary>
/// GetPublicAccessBlock answer and PutPublicAccessBlock body (S3 API reference, PublicAccessBlockConfiguration).
/// Every element is optional ("Required: No"); an absent one is false.
/// </summary>
public static class PublicAccessBlockDocument
{
    public static void Write(XmlWriter xml, PublicAccessBlockConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(configuration);
        xml.WriteStartElement("PublicAccessBlockConfiguration", S3Xml.Namespace);
        xml.WriteElementString("BlockPublicAcls", Bool(configuration.BlockPublicAcls));
        xml.WriteElementString("IgnorePublicAcls", Bool(configuration.IgnorePublicAcls));
        xml.WriteElementString("BlockPublicPolicy", Bool(configuration.BlockPublicPolicy));
        xml.WriteElementString("RestrictPublicBuckets", Bool(configuration.RestrictPublicBuckets));
        xml.WriteEndElement();
    }

    /// <exception cref="S3Exception">MalformedXML: another root element, or a value that is not true/false.</exception>
    public static PublicAccessBlockConfiguration Parse(XElement? root)
    {
        if (root is null || root.Name.LocalName != "PublicAccessBlockConfiguration")
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        return new PublicAccessBlockConfiguration(
            Flag(root, "BlockPublicAcls"), Flag(root, "IgnorePublicAcls"), Flag(root, "BlockPublicPolicy"), Flag(root, "RestrictPublicBuckets"));
    }

    private static bool Flag(XElement root, string name) => S3XmlRequest.ChildValue(root, name)?.Trim() switch
    {
        null => false,
        var text when text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        var text when text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        _ => throw new S3Exception(S3Error.MalformedXML),
    };

    private static string Bool(bool value) => value ? "true" : "false";
}
