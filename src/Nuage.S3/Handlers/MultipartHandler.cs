using System.Globalization;
using Microsoft.AspNetCore.Http;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Xml;
using Nuage.Storage.Multipart;

namespace Nuage.S3.Handlers;

/// <summary>
/// CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload, AbortMultipartUpload, ListParts,
/// ListMultipartUploads.
/// </summary>
public sealed class MultipartHandler(IMultipartService multipart)
{
    /// <summary>S3's part numbers run from 1 to 10,000.</summary>
    public const int MaxPartNumber = 10_000;

    /// <summary>10,000 parts with ETags and checksums stay well under this.</summary>
    private const long MaxCompleteDocumentBytes = 8 * 1024 * 1024;

    public async Task CreateAsync(S3RequestContext context)
    {
        var headers = context.Request.Headers;
        var algorithm = ObjectRequestHeaders.ReadChecksumAlgorithm(headers);
        var upload = await multipart.CreateMultipartUploadAsync(
            context.Bucket, context.Key, ObjectRequestHeaders.ReadAttributes(headers), algorithm, context.Aborted);
        if (algorithm is { } a)
        {
            context.Response.Headers["x-amz-checksum-algorithm"] = ChecksumNames.XmlName(a);
        }

        await S3XmlResponse.WriteAsync(
            context.Response, xml => InitiateMultipartUploadResult.Write(xml, upload.Bucket, upload.Key, upload.UploadId));
    }

    public async Task UploadPartAsync(S3RequestContext context)
    {
        var headers = context.Request.Headers;
        var part = await multipart.UploadPartAsync(
            context.Bucket, context.Key, UploadId(context), PartNumber(context), context.Auth.Body,
            PutObjectHandler.RequireLength(context), ObjectRequestHeaders.ReadContentMd5(headers),
            ObjectRequestHeaders.ReadChecksum(headers, context.Auth), context.Aborted);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.ETag = S3Xml.QuotedETag(part.ETag);
        PutObjectHandler.WriteChecksum(context.Response, part.Checksum);
        context.Response.ContentLength = 0;
    }

    public async Task UploadPartCopyAsync(S3RequestContext context)
    {
        var headers = context.Request.Headers;
        var source = CopySource.Parse(context.Header("x-amz-copy-source"));
        var part = await multipart.UploadPartCopyAsync(
            context.Bucket, context.Key, UploadId(context), PartNumber(context),
            source.Bucket, source.Key, source.VersionId, CopyRange(context.Header("x-amz-copy-source-range")),
            ObjectRequestHeaders.ReadConditions(headers, "x-amz-copy-source-"), context.Aborted);
        await S3XmlResponse.WriteAsync(
            context.Response, xml => CopyResultDocument.Write(xml, "CopyPartResult", part.ETag, part.LastModified, part.Checksum));
    }

    public async Task CompleteAsync(S3RequestContext context)
    {
        var root = await S3XmlRequest.ReadAsync(context.Auth.Body, MaxCompleteDocumentBytes, context.Aborted);
        var parts = CompleteMultipartUploadDocument.Parse(root);
        var info = await multipart.CompleteMultipartUploadAsync(
            context.Bucket, context.Key, UploadId(context), parts,
            ObjectRequestHeaders.ReadWriteCondition(context.Request.Headers),
            ObjectRequestHeaders.ReadWholeObjectChecksum(context.Request.Headers), context.Aborted);
        var request = context.Request;
        var location = $"{request.Scheme}://{request.Host}/{Uri.EscapeDataString(info.Bucket)}/{Uri.EscapeDataString(info.Key)}";
        await S3XmlResponse.WriteAsync(context.Response, xml => CompleteMultipartUploadResult.Write(xml, location, info));
    }

    public async Task AbortAsync(S3RequestContext context)
    {
        await multipart.AbortMultipartUploadAsync(context.Bucket, context.Key, UploadId(context), context.Aborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async Task ListPartsAsync(S3RequestContext context)
    {
        var marker = ParseNonNegative(context.Query("part-number-marker"), "part-number-marker");
        var maxParts = ListObjectsHandler.ReadMaxKeys(context.Query("max-parts"), "max-parts");
        var page = await multipart.ListPartsAsync(context.Bucket, context.Key, UploadId(context), marker, maxParts, context.Aborted);
        await S3XmlResponse.WriteAsync(context.Response, xml => ListPartsResult.Write(xml, page, marker, maxParts));
    }

    public async Task ListUploadsAsync(S3RequestContext context)
    {
        var encoding = context.Query("encoding-type");
        if (encoding is not null && encoding != "url")
        {
            throw new S3Exception(S3Error.InvalidEncodingType);
        }

        var query = new ListMultipartUploadsResult.Query(
            context.Bucket,
            context.Query("prefix") ?? string.Empty,
            NullIfEmpty(context.Query("delimiter")),
            NullIfEmpty(context.Query("key-marker")),
            NullIfEmpty(context.Query("upload-id-marker")),
            ListObjectsHandler.ReadMaxKeys(context.Query("max-uploads"), "max-uploads"),
            encoding == "url");
        var page = await multipart.ListMultipartUploadsAsync(
            query.Bucket, query.Prefix, query.Delimiter, query.KeyMarker, query.UploadIdMarker, query.MaxUploads, context.Aborted);
        await S3XmlResponse.WriteAsync(context.Response, xml => ListMultipartUploadsResult.Write(xml, query, page));
    }

    private static string UploadId(S3RequestContext context)
    {
        var id = context.Query("uploadId");
        return string.IsNullOrEmpty(id) ? throw new S3Exception(S3Error.NoSuchUpload) : id;
    }

    private static int PartNumber(S3RequestContext context)
    {
        var text = context.Query("partNumber");
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > MaxPartNumber)
        {
            throw new S3Exception(S3Error.InvalidArgument, "Part number must be an integer between 1 and 10000, inclusive")
            {
                Details = [new("ArgumentName", "partNumber"), new("ArgumentValue", text ?? string.Empty)],
            };
        }

        return number;
    }

    /// <summary>x-amz-copy-source-range: "bytes=first-last", both required (UploadPartCopy, "Request Syntax").</summary>
    internal static ByteRange? CopyRange(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var value = header.Trim();
        var dash = value.IndexOf('-', StringComparison.Ordinal);
        if (!value.StartsWith("bytes=", StringComparison.Ordinal) || dash < 0
            || !long.TryParse(value.AsSpan(6, dash - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(value.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || last < first)
        {
            throw new S3Exception(S3Error.InvalidArgument, "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy")
            {
                Details = [new("ArgumentName", "x-amz-copy-source-range"), new("ArgumentValue", value)],
            };
        }

        return new ByteRange(first, last);
    }

    private static int ParseNonNegative(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new S3Exception(S3Error.InvalidArgument) { Details = [new("ArgumentName", name), new("ArgumentValue", text)] };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
