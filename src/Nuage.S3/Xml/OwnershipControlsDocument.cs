using System.Xml;
using System.Xml.Linq;
using Nuage.Iam.Acls;
using Nuage.S3.Errors;

namespace Nuage.S3.Xml;

/// <summary>
/// GetBucketOwnershipControls answer and PutBucketOwnershipControls body (S3 API reference,
/// OwnershipControls): <c>&lt;OwnershipControls&gt;&lt;Rule&gt;&lt;ObjectOwnership&gt;...</c>, with exactly one rule.
/// </summary>
public static class OwnershipControlsDocument
{
    public static void Write(XmlWriter xml, ObjectOwnership ownership)
    {
        ArgumentNullException.ThrowIfNull(xml);
        xml.WriteStartElement("OwnershipControls", S3Xml.Namespace);
        xml.WriteStartElement("Rule");
        xml.WriteElementString("ObjectOwnership", ObjectOwnershipRules.ToS3Name(ownership));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <exception cref="S3Exception">MalformedXML: no single rule with a known ObjectOwnership value.</exception>
    public static ObjectOwnership Parse(XElement? root)
    {
        if (root is null || root.Name.LocalName != "OwnershipControls")
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        var rules = S3XmlRequest.Children(root, "Rule").Take(2).ToList();
        if (rules.Count != 1
            || !ObjectOwnershipRules.TryParse(S3XmlRequest.ChildValue(rules[0], "ObjectOwnership")?.Trim(), out var ownership))
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        return ownership;
    }
}
