using System.Globalization;
using Microsoft.AspNetCore.Http;
using Nuage.S3.Authorization;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Xml;
using Nuage.Storage.Encryption.Kms;
using Nuage.Storage.Multipart;
using Nuage.Storage.Objects;

namespace Nuage.S3.Handlers;

/// <summary>
/// CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload, AbortMultipartUpload, ListParts,
/// ListMultipartUploads.
/// </summary>
public sealed class MultipartHandler(
    IMultipartService multipart, WriteAccess access, AccountNames names, DefaultEncryption encryption, KmsKeyAccess kmsAccess)
{
    /// <summary>10,000 parts with ETags and checksums stay well under this.</summary>
    private const long MaxCompleteDocumentBytes = 8 * 1024 * 1024;

    public async Task CreateAsync(S3RequestContext context, CreateMultipartUploadOperation operation)
    {
        var headers = context.Request.Headers;
        var algorithm = ObjectRequestHeaders.ReadChecksumAlgorithm(headers);
        var type = ObjectRequestHeaders.ReadChecksumType(headers);
        var objectAccess = await access.DecideAsync(context, operation.Bucket, operation.Acl, operation.Tags?.ToQueryString());
        var sse = await encryption.ForWriteAsync(context, headers, operation.Bucket, operation.Key);
        var upload = await multipart.CreateMultipartUploadAsync(
            operation.Bucket, operation.Key, ObjectRequestHeaders.ReadAttributes(headers), algorithm, context.Aborted, objectAccess, type, sse);
        EncryptionHeaders.Write(context.Response, upload.Encryption, sse?.Key, upload.Kms, withContext: true);
        if (upload.ChecksumAlgorithm is { } a)
        {
            context.Response.Headers["x-amz-checksum-algorithm"] = ChecksumNames.XmlName(a);
        }

        if (upload.ChecksumType is { } t)
        {
            context.Response.Headers["x-amz-checksum-type"] = ChecksumTypeNames.Name(t);
        }

        await S3XmlResponse.WriteAsync(
            context.Response, xml => InitiateMultipartUploadResult.Write(xml, upload.Bucket, upload.Key, upload.UploadId));
    }

    public async Task UploadPartAsync(S3RequestContext context, UploadPartOperation operation)
    {
        var headers = context.Request.Headers;
        var customerKey = EncryptionHeaders.ReadCustomerKey(headers, EncryptionHeaders.CustomerPrefix);
        var part = await multipart.UploadPartAsync(
            operation.Bucket, operation.Key, operation.UploadId, operation.PartNumber, context.Auth.Body,
            PutObjectHandler.RequireLength(context), ObjectRequestHeaders.ReadContentMd5(headers),
            ObjectRequestHeaders.ReadChecksum(headers, context.Auth), context.Aborted, customerKey, KmsCheck(context));
        EncryptionHeaders.Write(context.Response, part.Encryption, customerKey, part.Kms);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.ETag = S3Xml.QuotedETag(part.ETag);
        PutObjectHandler.WriteChecksum(context.Response, part.Checksum);
        context.Response.ContentLength = 0;
    }

    public async Task UploadPartCopyAsync(S3RequestContext context, UploadPartCopyOperation operation)
    {
        var source = operation.Source;
        var headers = context.Request.Headers;
        var customerKey = EncryptionHeaders.ReadCustomerKey(headers, EncryptionHeaders.CustomerPrefix);
        var part = await multipart.UploadPartCopyAsync(
            operation.Bucket, operation.Key, operation.UploadId, operation.PartNumber,
            source.Bucket, source.Key, source.VersionId, operation.SourceRange,
            ObjectRequestHeaders.ReadConditions(headers, "x-amz-copy-source-"), context.Aborted,
            customerKey, EncryptionHeaders.ReadCustomerKey(headers, EncryptionHeaders.CopySourceCustomerPrefix), KmsCheck(context));
        EncryptionHeaders.Write(context.Response, part.Encryption, customerKey, part.Kms);
        await S3XmlResponse.WriteAsync(
            context.Response, xml => CopyResultDocument.Write(xml, "CopyPartResult", part.ETag, part.LastModified, part.Checksum));
    }

    /// <summary>kms:Decrypt on the upload's key (its data key is unwrapped for each part) and on a copied part's source.</summary>
    private KmsUseCheck KmsCheck(S3RequestContext context) => (kms, _) => kmsAccess.RequireDecryptAsync(context, kms);

    public async Task CompleteAsync(S3RequestContext context, CompleteMultipartUploadOperation operation)
    {
        var root = await S3XmlRequest.ReadAsync(context.Auth.Body, MaxCompleteDocumentBytes, context.Aborted);
        var parts = CompleteMultipartUploadDocument.Parse(root);
        var info = await multipart.CompleteMultipartUploadAsync(
            operation.Bucket, operation.Key, operation.UploadId, parts,
            ObjectRequestHeaders.ReadWriteCondition(context.Request.Headers),
            ObjectRequestHeaders.ReadWholeObjectChecksum(context.Request.Headers), context.Aborted,
            ObjectRequestHeaders.ReadChecksumType(context.Request.Headers), ReadObjectSize(context.Request.Headers));
        var request = context.Request;
        var location = $"{request.Scheme}://{request.Host}/{Uri.EscapeDataString(info.Bucket)}/{Uri.EscapeDataString(info.Key)}";
        ObjectResponseHeaders.WriteVersionId(context.Response, info);
        EncryptionHeaders.Write(context.Response, info.Encryption, null, info.Kms);
        await S3XmlResponse.WriteAsync(context.Response, xml => CompleteMultipartUploadResult.Write(xml, location, info));
    }

    /// <summary>
    /// x-amz-mp-object-size of CompleteMultipartUpload: "The expected total object size of the multipart upload
    /// request. If there's a mismatch ... it results in an HTTP 400 InvalidRequest error."
    /// </summary>
    private static long? ReadObjectSize(IHeaderDictionary headers)
    {
        var text = headers["x-amz-mp-object-size"].ToString().Trim();
        if (text.Length == 0)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            ? size
            : throw new S3Exception(S3Error.InvalidRequest, "Value for x-amz-mp-object-size header is invalid.");
    }

    public async Task AbortAsync(S3RequestContext context, AbortMultipartUploadOperation operation)
    {
        await multipart.AbortMultipartUploadAsync(operation.Bucket, operation.Key, operation.UploadId, context.Aborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async Task ListPartsAsync(S3RequestContext context, ListPartsOperation operation)
    {
        var page = await multipart.ListPartsAsync(
            operation.Bucket, operation.Key, operation.UploadId, operation.PartNumberMarker, operation.MaxParts, context.Aborted);
        await S3XmlResponse.WriteAsync(context.Response, xml => ListPartsResult.Write(xml, page, operation.PartNumberMarker, operation.MaxParts, names.DisplayName));
    }

    public async Task ListUploadsAsync(S3RequestContext context, ListMultipartUploadsOperation operation)
    {
        var query = new ListMultipartUploadsResult.Query(
            operation.Bucket, operation.Prefix, operation.Delimiter, operation.KeyMarker, operation.UploadIdMarker,
            operation.MaxUploads, operation.UrlEncode);
        var page = await multipart.ListMultipartUploadsAsync(
            query.Bucket, query.Prefix, query.Delimiter, query.KeyMarker, query.UploadIdMarker, query.MaxUploads, context.Aborted);
        await S3XmlResponse.WriteAsync(context.Response, xml => ListMultipartUploadsResult.Write(xml, query, page, names.DisplayName));
    }
}
