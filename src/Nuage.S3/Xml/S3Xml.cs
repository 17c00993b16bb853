using System.Globalization;
using System.Text;
using System.Xml;

namespace Nuage.S3.Xml;

/// <summary>Shared XML settings and formats of the S3 wire documents.</summary>
public static class S3Xml
{
    /// <summary>The namespace of every S3 response document.</summary>
    public const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    public static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        // S3 keys may hold characters XML 1.0 cannot carry (e.g. U+0001); they are written as character
        // references rather than failing the whole listing (clients that need them use encoding-type=url).
        CheckCharacters = false,
    };

    /// <summary>
    /// Request documents are small (DeleteObjects: 1000 keys; CompleteMultipartUpload: 10000 parts); DTDs are
    /// refused so an entity-expansion body cannot blow up memory.
    /// </summary>
    public static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        // Not IgnoreWhitespace: it would also drop a whitespace-only text node such as the key in <Key> </Key>,
        // and " " is a valid S3 key. Whitespace between elements is harmless to the element-based parsers.
        IgnoreWhitespace = false,
        IgnoreProcessingInstructions = true,
        MaxCharactersInDocument = 4 * 1024 * 1024,
        Async = true,
    };

    /// <summary>ISO 8601 with milliseconds in UTC, the timestamp form S3 uses in XML (e.g. 2009-10-12T17:50:30.000Z).</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string QuotedETag(string etag) => "\"" + etag + "\"";

    /// <summary>A document rendered to a compact string: the stored form of a bucket configuration.</summary>
    public static string Render(Action<XmlWriter> write)
    {
        var text = new System.Text.StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false }))
        {
            write(xml);
        }

        return text.ToString();
    }

    /// <summary>The root of a stored document (as <see cref="Render"/> wrote it), read without DTDs.</summary>
    public static System.Xml.Linq.XElement? ParseStored(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return System.Xml.Linq.XDocument.Load(reader).Root;
    }
}
