using System.Xml.Linq;
using Nuage.S3.Errors;

namespace Nuage.S3.Xml;

/// <summary>CreateBucket's optional body: &lt;CreateBucketConfiguration&gt;&lt;LocationConstraint/&gt;.</summary>
public static class CreateBucketConfigurationDocument
{
    /// <summary>The LocationConstraint, or null when the body is empty or names none.</summary>
    public static string? ParseLocationConstraint(XElement? root)
    {
        if (root is null)
        {
            return null;
        }

        if (root.Name.LocalName != "CreateBucketConfiguration")
        {
            throw new S3Exception(S3Error.MalformedXML);
        }

        return S3XmlRequest.ChildValue(root, "LocationConstraint")?.Trim();
    }
}
