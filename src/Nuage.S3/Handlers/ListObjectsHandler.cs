using Nuage.S3.Authorization;
using Nuage.S3.Http;
using Nuage.S3.Routing;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Xml;
using Nuage.Storage.Objects;

namespace Nuage.S3.Handlers;

/// <summary>ListObjects (V1, marker), ListObjectsV2 (continuation-token, start-after, fetch-owner) and ListObjectVersions.</summary>
public sealed class ListObjectsHandler(IObjectService objects, AccountNames names)
{
    public async Task ListV1Async(S3RequestContext context, ListObjectsOperation operation)
    {
        var page = await ListPageAsync(
            new ListObjectsRequest(operation.Bucket, operation.Prefix, operation.Delimiter, operation.Marker, operation.MaxKeys), context.Aborted);
        var query = new ListBucketResultV1.Query(
            operation.Bucket, operation.Prefix, operation.Delimiter, operation.Marker, operation.MaxKeys, operation.UrlEncode);
        await S3XmlResponse.WriteAsync(context.Response, xml => ListBucketResultV1.Write(xml, query, page, names.DisplayName));
    }

    public async Task ListV2Async(S3RequestContext context, ListObjectsV2Operation operation)
    {
        var page = await ListPageAsync(
            new ListObjectsRequest(operation.Bucket, operation.Prefix, operation.Delimiter, operation.After, operation.MaxKeys), context.Aborted);
        var next = page.IsTruncated && page.LastEntry is not null ? ContinuationToken.Encode(page.LastEntry) : null;
        var query = new ListBucketResultV2.Query(
            operation.Bucket, operation.Prefix, operation.Delimiter, operation.StartAfter, operation.ContinuationToken,
            operation.MaxKeys, operation.FetchOwner, operation.UrlEncode);
        await S3XmlResponse.WriteAsync(context.Response, xml => ListBucketResultV2.Write(xml, query, page, next, names.DisplayName));
    }

    public async Task ListVersionsAsync(S3RequestContext context, ListObjectVersionsOperation operation)
    {
        var page = await objects.ListObjectVersionsAsync(
            new ListObjectVersionsRequest(
                operation.Bucket, operation.Prefix, operation.Delimiter, operation.KeyMarker, operation.VersionIdMarker, operation.MaxKeys),
            context.Aborted);
        if (operation.MaxKeys == 0)
        {
            page = page with { IsTruncated = false };
        }

        var query = new ListVersionsResult.Query(
            operation.Bucket, operation.Prefix, operation.Delimiter, operation.KeyMarker, operation.VersionIdMarker,
            operation.MaxKeys, operation.UrlEncode);
        await S3XmlResponse.WriteAsync(context.Response, xml => ListVersionsResult.Write(xml, query, page, names.DisplayName));
    }

    private async Task<ListObjectsPage> ListPageAsync(ListObjectsRequest request, CancellationToken cancellationToken)
    {
        var page = await objects.ListObjectsAsync(request, cancellationToken);

        // S3 answers max-keys=0 with an empty page that is not truncated, whatever the bucket holds.
        return request.MaxKeys == 0 ? page with { IsTruncated = false } : page;
    }
}
