using Nuage.S3.Http;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Xml;
using Nuage.Storage.Objects;

namespace Nuage.S3.Handlers;

/// <summary>GetObjectAttributes: HeadObject's and ListParts' answers in one document, without the object's bytes.</summary>
public sealed class ObjectAttributesHandler(IObjectService objects)
{
    public async Task GetAsync(S3RequestContext context, GetObjectAttributesOperation operation)
    {
        // An SSE-C object's attributes need its key, as its HEAD does (GetObjectAttributes, "Encryption").
        var customerKey = EncryptionHeaders.ForRead(context.Request.Headers);
        var info = await objects.HeadObjectAsync(operation.Bucket, operation.Key, operation.VersionId, customerKey, context.Aborted);
        context.Response.Headers.LastModified = info.LastModified.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        ObjectResponseHeaders.WriteVersionId(context.Response, info);
        await S3XmlResponse.WriteAsync(
            context.Response, xml => ObjectAttributesDocument.Write(xml, info, operation.Attributes, operation.MaxParts, operation.PartNumberMarker));
    }
}
