using System.Xml;
using Microsoft.AspNetCore.Http;

namespace Nuage.S3.Xml;

/// <summary>
/// Writes one response document. Documents are bounded (a listing page holds at most 1000 entries), so each is
/// rendered to memory first and sent with a Content-Length, which clients and proxies handle best.
/// </summary>
public static class S3XmlResponse
{
    public static async Task WriteAsync(HttpResponse response, Action<XmlWriter> write, int status = StatusCodes.Status200OK)
    {
        using var buffer = new MemoryStream(1024);
        using (var xml = XmlWriter.Create(buffer, S3Xml.WriterSettings))
        {
            xml.WriteStartDocument();
            write(xml);
            xml.WriteEndDocument();
        }

        response.StatusCode = status;
        response.ContentType = "application/xml";
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), response.HttpContext.RequestAborted);
    }
}
