using System.Xml.Linq;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>S3's error document: Error/Code, Message, Resource, RequestId.</summary>
public sealed record S3ErrorDocument(string Code, string? Message, string? RequestId)
{
    public static S3ErrorDocument? TryParse(string text)
    {
        try
        {
            var root = XDocument.Parse(text).Root;
            if (root?.Name.LocalName != "Error")
            {
                return null;
            }

            string? Child(string name) => root.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            var code = Child("Code");
            return code is null ? null : new S3ErrorDocument(code, Child("Message"), Child("RequestId"));
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }
}
