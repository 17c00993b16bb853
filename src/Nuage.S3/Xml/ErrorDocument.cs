using System.Text;
using System.Xml;

namespace Nuage.S3.Xml;

/// <summary>
/// S3's error body ("Error responses", S3 API reference):
/// &lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;Resource/&gt;&lt;RequestId/&gt;...&lt;/Error&gt;.
/// </summary>
public static class ErrorDocument
{
    public static byte[] Render(
        string code, string message, string? resource, string requestId, IReadOnlyList<KeyValuePair<string, string>> details)
    {
        using var buffer = new MemoryStream(512);
        using (var xml = XmlWriter.Create(buffer, S3Xml.WriterSettings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("Error");
            xml.WriteElementString("Code", code);
            xml.WriteElementString("Message", message);
            foreach (var (name, value) in details)
            {
                xml.WriteElementString(name, value);
            }

            if (resource is not null)
            {
                xml.WriteElementString("Resource", resource);
            }

            xml.WriteElementString("RequestId", requestId);
            xml.WriteEndElement();
        }

        return buffer.ToArray();
    }

    public static string RenderString(string code, string message, string? resource, string requestId) =>
        Encoding.UTF8.GetString(Render(code, message, resource, requestId, []));
}
