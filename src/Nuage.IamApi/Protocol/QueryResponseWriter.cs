using System.Text;
using System.Xml;
using Nuage.IamApi.Errors;

namespace Nuage.IamApi.Protocol;

/// <summary>
/// The two documents of the query protocol: &lt;ActionResponse&gt;&lt;ActionResult&gt;...&lt;/ActionResult&gt;&lt;ResponseMetadata&gt;
/// &lt;RequestId/&gt;&lt;/ResponseMetadata&gt;&lt;/ActionResponse&gt; (no Result element for actions that return nothing, e.g.
/// DeleteUser) and &lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;&lt;/ErrorResponse&gt;.
/// </summary>
public static class QueryResponseWriter
{
    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = false };

    public static byte[] Success(string action, string ns, string requestId, ResultWriter? result)
    {
        return Write(ns, xml =>
        {
            xml.Start(action + "Response");
            if (result is not null)
            {
                xml.Start(action + "Result");
                result(xml);
                xml.End();
            }

            xml.Start("ResponseMetadata");
            xml.Element("RequestId", requestId);
            xml.End();
            xml.End();
        });
    }

    public static byte[] Error(string ns, QueryError error, string message, string requestId)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Write(ns, xml =>
        {
            xml.Start("ErrorResponse");
            xml.Start("Error");
            xml.Element("Type", error.Type);
            xml.Element("Code", error.Code);
            xml.Element("Message", message);
            xml.End();
            xml.Element("RequestId", requestId);
            xml.End();
        });
    }

    private static byte[] Write(string ns, Action<QueryXml> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, Settings))
        {
            writer.WriteStartDocument();
            body(new QueryXml(writer, ns));
            writer.WriteEndDocument();
        }

        return buffer.ToArray();
    }
}
