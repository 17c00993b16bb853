using Nuage.S3.Authorization;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Xml;
using Nuage.Storage.Objects;

namespace Nuage.S3.Handlers;

/// <summary>CopyObject with the COPY and REPLACE metadata directives and x-amz-copy-source-if-* conditions.</summary>
public sealed class CopyObjectHandler(IObjectService objects, WriteAccess access, DefaultEncryption encryption, KmsKeyAccess kmsAccess)
{
    public async Task CopyObjectAsync(S3RequestContext context, CopyObjectOperation operation)
    {
        var headers = context.Request.Headers;
        var source = operation.Source;
        var replace = operation.Directive == MetadataDirective.Replace ? ObjectRequestHeaders.ReadAttributes(headers) : null;
        var checksumAlgorithm = ObjectRequestHeaders.ReadChecksumAlgorithm(headers);
        var sourceKey = EncryptionHeaders.ReadCustomerKey(headers, EncryptionHeaders.CopySourceCustomerPrefix);

        // The copy is encrypted as this request (or the destination bucket's default) asks, whatever the source was.
        var sse = await encryption.ForWriteAsync(context, headers, operation.Bucket, operation.Key);
        var changesEncryption = headers.ContainsKey(EncryptionHeaders.Algorithm) || headers.ContainsKey(EncryptionHeaders.CustomerPrefix + "algorithm");
        if (replace is null && checksumAlgorithm is null && !changesEncryption && source.VersionId is null
            && source.Bucket == operation.Bucket && source.Key == operation.Key)
        {
            // S3 refuses a copy that would change nothing ("CopyObject", Errors).
            throw new S3Exception(
                S3Error.InvalidRequest,
                "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
        }

        // "COPY (default) | REPLACE" (CopyObject, x-amz-tagging-directive): x-amz-tagging counts only with REPLACE.
        var replaceTags = operation.TaggingDirective == MetadataDirective.Replace;
        var tags = replaceTags ? ObjectRequestHeaders.ReadTags(headers)?.ToQueryString() : null;
        var request = new CopyObjectRequest(
            source.Bucket, source.Key, source.VersionId, operation.Bucket, operation.Key, replace,
            ObjectRequestHeaders.ReadConditions(headers, "x-amz-copy-source-"), checksumAlgorithm,
            await access.DecideAsync(context, operation.Bucket, operation.Acl, tags))
        {
            ReplaceTags = replaceTags,
            Encryption = sse,
            SourceCustomerKey = sourceKey,
            SourceKmsCheck = (kms, _) => kmsAccess.RequireDecryptAsync(context, kms),
        };
        var info = await objects.CopyObjectAsync(request, context.Aborted);
        EncryptionHeaders.Write(context.Response, info.Encryption, sse?.Key, info.Kms, withContext: true);
        if (source.VersionId is not null)
        {
            context.Response.Headers["x-amz-copy-source-version-id"] = source.VersionId;
        }

        ObjectResponseHeaders.WriteVersionId(context.Response, info);

        await S3XmlResponse.WriteAsync(
            context.Response, xml => CopyResultDocument.Write(xml, "CopyObjectResult", info.ETag, info.LastModified, info.Checksum));
    }
}
