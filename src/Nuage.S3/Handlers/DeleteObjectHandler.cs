using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Xml;
using Nuage.Storage.Objects;

namespace Nuage.S3.Handlers;

/// <summary>DeleteObject and DeleteObjects (quiet and verbose).</summary>
public sealed class DeleteObjectHandler(IObjectService objects)
{
    /// <summary>1000 keys of up to 1024 bytes each, with their XML, fit well inside this.</summary>
    private const long MaxDeleteDocumentBytes = 4 * 1024 * 1024;

    public async Task DeleteObjectAsync(S3RequestContext context)
    {
        await objects.DeleteObjectAsync(context.Bucket, context.Key, GetObjectHandler.VersionId(context), context.Aborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async Task DeleteObjectsAsync(S3RequestContext context)
    {
        // The document is bounded, so it is read whole to check Content-MD5 before any key is deleted.
        using var body = new MemoryStream();
        await using (var limited = new LengthLimitedStream(context.Auth.Body, MaxDeleteDocumentBytes))
        {
            await limited.CopyToAsync(body, context.Aborted);
        }

        var md5 = ObjectRequestHeaders.ReadContentMd5(context.Request.Headers);
        if (md5 is not null && !MD5.HashData(body.GetBuffer().AsSpan(0, (int)body.Length)).AsSpan().SequenceEqual(md5))
        {
            throw new S3Exception(S3Error.BadDigest);
        }

        body.Position = 0;
        var document = DeleteRequestDocument.Parse(await S3XmlRequest.ReadAsync(body, MaxDeleteDocumentBytes, context.Aborted));
        var results = await objects.DeleteObjectsAsync(context.Bucket, document.Objects, context.Aborted);
        await S3XmlResponse.WriteAsync(context.Response, xml => DeleteResultDocument.Write(xml, results, document.Quiet));
    }
}
