using Microsoft.AspNetCore.Http;
using Nuage.S3.Authorization;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Xml;
using Nuage.Storage.Objects;

namespace Nuage.S3.Handlers;

/// <summary>PutObject: streams the decoded body into the storage service and answers once it is durable.</summary>
public sealed class PutObjectHandler(
    IObjectService objects, WriteAccess access, DefaultEncryption encryption, BucketViews views)
{
    public async Task PutObjectAsync(S3RequestContext context, PutObjectOperation operation)
    {
        var headers = context.Request.Headers;
        var length = RequireLength(context);
        var objectAccess = await access.DecideAsync(context, operation.Bucket, operation.Acl, operation.Tags?.ToQueryString());
        var sse = await encryption.ForWriteAsync(context, headers, operation.Bucket, operation.Key);
        var request = new PutObjectRequest(
            operation.Bucket,
            operation.Key,
            context.Auth.Body,
            length,
            ObjectRequestHeaders.ReadAttributes(headers),
            ObjectRequestHeaders.ReadContentMd5(headers),
            ObjectRequestHeaders.ReadChecksum(headers, context.Auth),
            ObjectRequestHeaders.ReadWriteCondition(headers),
            objectAccess)
        {
            Encryption = sse,
        };
        var info = await objects.PutObjectAsync(request, context.Aborted);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.ETag = S3Xml.QuotedETag(info.ETag);
        ObjectResponseHeaders.WriteVersionId(context.Response, info);
        ExpirationHeader.Write(context.Response, (await views.GetAsync(operation.Bucket, context.Aborted))?.Lifecycle, info);
        EncryptionHeaders.Write(context.Response, info.Encryption, sse?.Key, info.Kms, withContext: true);
        WriteChecksum(context.Response, info.Checksum);
        if (info.Checksum is not null)
        {
            // PutObject's x-amz-checksum-type: "For PutObject uploads, the checksum type is always FULL_OBJECT."
            context.Response.Headers["x-amz-checksum-type"] = ChecksumTypeNames.Name(ChecksumType.FullObject);
        }

        context.Response.ContentLength = 0;
    }

    /// <summary>
    /// S3 needs the size up front (411 MissingContentLength otherwise): Content-Length, or for aws-chunked bodies
    /// x-amz-decoded-content-length.
    /// </summary>
    internal static long RequireLength(S3RequestContext context) =>
        context.Auth.DecodedContentLength ?? context.Request.ContentLength ?? throw new S3Exception(S3Error.MissingContentLength);

    internal static void WriteChecksum(HttpResponse response, ObjectChecksum? checksum)
    {
        if (checksum is not null)
        {
            response.Headers[ChecksumNames.HeaderName(checksum.Algorithm)] = checksum.Value;
        }
    }
}
