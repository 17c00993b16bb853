using System.Xml;
using System.Xml.Linq;
using Nuage.S3.Errors;

namespace Nuage.S3.Xml;

/// <summary>
/// Reads a small request document (bucket configuration, DeleteObjects, CompleteMultipartUpload) with a hard size
/// cap: over the cap is MaxMessageLengthExceeded, anything that is not well-formed is MalformedXML.
/// Elements are matched by local name, since clients send them with or without the S3 namespace.
/// </summary>
public static class S3XmlRequest
{
    public static async Task<XElement?> ReadAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        await using var limited = new LengthLimitedStream(body, maxBytes);
        try
        {
            using var reader = XmlReader.Create(limited, S3Xml.ReaderSettings);
            if (!await reader.ReadAsync())
            {
                return null; // empty body
            }

            var document = await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken);
            return document.Root;
        }
        catch (XmlException)
        {
            if (limited.BytesRead == 0)
            {
                return null;
            }

            throw new S3Exception(S3Error.MalformedXML);
        }
    }

    public static IEnumerable<XElement> Children(XElement parent, string localName) =>
        parent.Elements().Where(e => e.Name.LocalName == localName);

    public static string? ChildValue(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;
}
