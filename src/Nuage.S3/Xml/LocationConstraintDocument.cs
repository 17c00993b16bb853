using System.Xml;

namespace Nuage.S3.Xml;

/// <summary>GetBucketLocation response: &lt;LocationConstraint&gt;region&lt;/LocationConstraint&gt;.</summary>
public static class LocationConstraintDocument
{
    public static void Write(XmlWriter xml, string region)
    {
        xml.WriteStartElement("LocationConstraint", S3Xml.Namespace);
        xml.WriteString(region);
        xml.WriteEndElement();
    }
}
