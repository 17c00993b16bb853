using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Xml;
using Nuage.Storage.Objects;

namespace Nuage.S3.Handlers;

/// <summary>ListObjects (V1, marker) and ListObjectsV2 (continuation-token, start-after, fetch-owner).</summary>
public sealed class ListObjectsHandler(IObjectService objects)
{
    /// <summary>S3 returns at most 1000 keys per page whatever max-keys asks for.</summary>
    public const int MaxPageSize = 1000;

    public async Task ListV1Async(S3RequestContext context)
    {
        var common = ReadCommon(context);
        var marker = NullIfEmpty(context.Query("marker"));
        var page = await ListPageAsync(
            new ListObjectsRequest(context.Bucket, common.Prefix, common.Delimiter, marker, common.MaxKeys), context.Aborted);
        var query = new ListBucketResultV1.Query(context.Bucket, common.Prefix, common.Delimiter, marker, common.MaxKeys, common.UrlEncode);
        await S3XmlResponse.WriteAsync(context.Response, xml => ListBucketResultV1.Write(xml, query, page));
    }

    public async Task ListV2Async(S3RequestContext context)
    {
        var common = ReadCommon(context);
        var token = context.Query("continuation-token");
        var startAfter = NullIfEmpty(context.Query("start-after"));
        var marker = token is not null ? DecodeToken(token) : startAfter;
        var fetchOwner = string.Equals(context.Query("fetch-owner"), "true", StringComparison.OrdinalIgnoreCase);
        var page = await ListPageAsync(
            new ListObjectsRequest(context.Bucket, common.Prefix, common.Delimiter, marker, common.MaxKeys), context.Aborted);
        var next = page.IsTruncated && page.LastEntry is not null ? EncodeToken(page.LastEntry) : null;
        var query = new ListBucketResultV2.Query(
            context.Bucket, common.Prefix, common.Delimiter, startAfter, token, common.MaxKeys, fetchOwner, common.UrlEncode);
        await S3XmlResponse.WriteAsync(context.Response, xml => ListBucketResultV2.Write(xml, query, page, next));
    }

    private async Task<ListObjectsPage> ListPageAsync(ListObjectsRequest request, CancellationToken cancellationToken)
    {
        var page = await objects.ListObjectsAsync(request, cancellationToken);

        // S3 answers max-keys=0 with an empty page that is not truncated, whatever the bucket holds.
        return request.MaxKeys == 0 ? page with { IsTruncated = false } : page;
    }

    private readonly record struct CommonParameters(string Prefix, string? Delimiter, int MaxKeys, bool UrlEncode);

    private static CommonParameters ReadCommon(S3RequestContext context)
    {
        var encoding = context.Query("encoding-type");
        if (encoding is not null && encoding != "url")
        {
            throw new S3Exception(S3Error.InvalidEncodingType) { Details = [new("ArgumentName", "encoding-type"), new("ArgumentValue", encoding)] };
        }

        return new CommonParameters(
            context.Query("prefix") ?? string.Empty,
            NullIfEmpty(context.Query("delimiter")),
            ReadMaxKeys(context.Query("max-keys")),
            encoding == "url");
    }

    internal static int ReadMaxKeys(string? text, string name = "max-keys", int limit = MaxPageSize)
    {
        if (text is null)
        {
            return limit;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new S3Exception(S3Error.InvalidArgument, "Provided " + name + " not an integer or within integer range")
            {
                Details = [new("ArgumentName", name), new("ArgumentValue", text)],
            };
        }

        return Math.Min(value, limit);
    }

    /// <summary>
    /// The continuation token is opaque to clients; Nuage makes it the base64url of the last key or prefix returned,
    /// so a page resumes with an index seek and the token needs no server-side state.
    /// </summary>
    internal static string EncodeToken(string marker) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(marker));

    internal static string DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw new S3Exception(S3Error.InvalidArgument, "The continuation token provided is incorrect")
            {
                Details = [new("ArgumentName", "continuation-token")],
            };
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
