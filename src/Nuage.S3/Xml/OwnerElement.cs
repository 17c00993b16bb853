using System.Xml;

namespace Nuage.S3.Xml;

/// <summary>The &lt;Owner&gt; element shared by several listings.</summary>
public static class OwnerElement
{
    public static void Write(XmlWriter xml, string id, string displayName, string elementName = "Owner")
    {
        xml.WriteStartElement(elementName);
        xml.WriteElementString("ID", id);
        xml.WriteElementString("DisplayName", displayName);
        xml.WriteEndElement();
    }
}
