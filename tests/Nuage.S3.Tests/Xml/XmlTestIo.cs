using System.Text;
using System.Xml;
using System.Xml.Linq;
using Nuage.S3.Xml;

namespace Nuage.S3.Tests.Xml;

/// <summary>Renders a document as the front door sends it and reads a request body as the front door reads it.</summary>
internal static class XmlTestIo
{
    public const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

    public static string Render(Action<XmlWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, S3Xml.WriterSettings))
        {
            xml.WriteStartDocument();
            write(xml);
            xml.WriteEndDocument();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Task<XElement?> BodyAsync(string xml) =>
        S3XmlRequest.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml)), 1 << 20, default);
}
