using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Nuage.S3.Authorization;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Xml;
using Nuage.Storage.Objects;

namespace Nuage.S3.Handlers;

/// <summary>DeleteObject and DeleteObjects (quiet and verbose).</summary>
public sealed class DeleteObjectHandler(IObjectService objects, S3Authorizer authorizer)
{
    /// <summary>1000 keys of up to 1024 bytes each, with their XML, fit well inside this.</summary>
    private const long MaxDeleteDocumentBytes = 4 * 1024 * 1024;

    public async Task DeleteObjectAsync(S3RequestContext context, DeleteObjectOperation operation)
    {
        var result = await objects.DeleteObjectAsync(
            operation.Bucket, operation.Key, operation.VersionId, context.Aborted, operation.IfMatch, operation.BypassGovernance);

        // "x-amz-delete-marker: Specifies whether the versioned object that was permanently deleted was (true) or
        // was not (false) a delete marker", and x-amz-version-id: the version removed, or the marker created
        // (DeleteObject). A version that did not exist is answered with its id too, as AWS does.
        if (result.DeleteMarker)
        {
            context.Response.Headers["x-amz-delete-marker"] = "true";
        }

        if ((operation.VersionId ?? result.DeleteMarkerVersionId) is { } versionId)
        {
            ObjectResponseHeaders.SetVersionId(context.Response, versionId);
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async Task DeleteObjectsAsync(S3RequestContext context, DeleteObjectsOperation operation)
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
        var entries = new DeleteResultEntry[document.Objects.Count];
        var allowed = new List<ObjectDeletion>(document.Objects.Count);
        var allowedIndexes = new List<int>(document.Objects.Count);
        for (var i = 0; i < document.Objects.Count; i++)
        {
            var (key, versionId, etag) = document.Objects[i];
            if (await AllAllowedAsync(context, S3Permissions.ConditionalDelete(operation.Bucket, key, versionId, etag, operation.BypassGovernance)))
            {
                allowed.Add(new ObjectDeletion(key, versionId, etag) { BypassGovernance = operation.BypassGovernance });
                allowedIndexes.Add(i);
            }
            else
            {
                // S3 reports a refused key in the result and goes on with the others ("DeleteObjects", Errors).
                entries[i] = new DeleteResultEntry(key, versionId, S3Error.AccessDenied);
            }
        }

        var results = allowed.Count == 0 ? [] : await objects.DeleteObjectsAsync(operation.Bucket, allowed, context.Aborted);
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            entries[allowedIndexes[i]] = new DeleteResultEntry(
                result.Key, result.VersionId, result.Error is { } code ? S3ErrorMapper.Map(code) : null, result.ErrorMessage)
            {
                DeleteMarker = result.DeleteMarker,
                DeleteMarkerVersionId = result.DeleteMarkerVersionId,
            };
        }

        context.BatchDeletes = entries;
        await S3XmlResponse.WriteAsync(context.Response, xml => DeleteResultDocument.Write(xml, entries, document.Quiet));
    }

    private async ValueTask<bool> AllAllowedAsync(S3RequestContext context, S3Permission[] permissions)
    {
        foreach (var permission in permissions)
        {
            if (!await authorizer.IsAllowedAsync(context, permission))
            {
                return false;
            }
        }

        return true;
    }
}
