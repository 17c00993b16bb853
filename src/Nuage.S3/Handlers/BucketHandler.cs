using Microsoft.AspNetCore.Http;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Routing;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Xml;
using Nuage.Storage;
using Nuage.Storage.Buckets;

namespace Nuage.S3.Handlers;

/// <summary>ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation, GetBucketVersioning.</summary>
public sealed class BucketHandler(IBucketService buckets)
{
    /// <summary>CreateBucketConfiguration is a few hundred bytes; anything far larger is not one.</summary>
    private const long MaxConfigurationBytes = 64 * 1024;

    /// <summary>
    /// ListBuckets with the optional paging of the API reference: prefix, max-buckets and continuation-token (the
    /// base64url of the last name returned, as for object listings). An account's buckets are few, so the page is
    /// cut from the owner's sorted list.
    /// </summary>
    public async Task ListBucketsAsync(S3RequestContext context, ListBucketsOperation operation)
    {
        var prefix = operation.Prefix ?? string.Empty;
        var after = operation.After;
        var max = operation.MaxBuckets;
        var all = await buckets.ListBucketsAsync(context.SignedPrincipal.AccountId, context.Aborted);
        var page = new List<BucketInfo>();
        string? next = null;
        foreach (var bucket in all)
        {
            if (!bucket.Name.StartsWith(prefix, StringComparison.Ordinal)
                || (after is not null && string.CompareOrdinal(bucket.Name, after) <= 0))
            {
                continue;
            }

            if (page.Count == max)
            {
                next = ContinuationToken.Encode(page[^1].Name);
                break;
            }

            page.Add(bucket);
        }

        var query = new ListAllMyBucketsResult.Page(operation.Prefix, next);
        await S3XmlResponse.WriteAsync(context.Response, xml => ListAllMyBucketsResult.Write(xml, context.SignedPrincipal, page, query));
    }

    public async Task CreateBucketAsync(S3RequestContext context, CreateBucketOperation operation)
    {
        var root = await S3XmlRequest.ReadAsync(context.Auth.Body, MaxConfigurationBytes, context.Aborted);
        var location = CreateBucketConfigurationDocument.ParseLocationConstraint(root);
        var bucket = await buckets.CreateBucketAsync(operation.Bucket, context.SignedPrincipal.AccountId, location, context.Aborted);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.Location = "/" + bucket.Name;
        context.Response.ContentLength = 0;
    }

    public async Task HeadBucketAsync(S3RequestContext context, HeadBucketOperation operation)
    {
        var bucket = await RequireAsync(operation.Bucket, context);
        context.Response.Headers["x-amz-bucket-region"] = bucket.Region;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
    }

    public async Task DeleteBucketAsync(S3RequestContext context, DeleteBucketOperation operation)
    {
        await buckets.DeleteBucketAsync(operation.Bucket, context.Aborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async Task GetBucketLocationAsync(S3RequestContext context, GetBucketLocationOperation operation)
    {
        var bucket = await RequireAsync(operation.Bucket, context);
        await S3XmlResponse.WriteAsync(context.Response, xml => LocationConstraintDocument.Write(xml, bucket.Region));
    }

    public async Task GetBucketVersioningAsync(S3RequestContext context, GetBucketVersioningOperation operation)
    {
        await RequireAsync(operation.Bucket, context);
        await S3XmlResponse.WriteAsync(context.Response, VersioningConfigurationDocument.WriteUnversioned);
    }

    private async Task<BucketInfo> RequireAsync(string name, S3RequestContext context) =>
        await buckets.GetBucketAsync(name, context.Aborted)
        ?? throw new StorageException(StorageErrorCode.NoSuchBucket, S3Error.NoSuchBucket.DefaultMessage);
}
