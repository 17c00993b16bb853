using Microsoft.AspNetCore.Http;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Xml;
using Nuage.Storage;
using Nuage.Storage.Buckets;

namespace Nuage.S3.Handlers;

/// <summary>ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation, GetBucketVersioning.</summary>
public sealed class BucketHandler(IBucketService buckets)
{
    /// <summary>CreateBucketConfiguration is a few hundred bytes; anything far larger is not one.</summary>
    private const long MaxConfigurationBytes = 64 * 1024;

    public async Task ListBucketsAsync(S3RequestContext context)
    {
        var list = await buckets.ListBucketsAsync(context.Principal.AccountId, context.Aborted);
        await S3XmlResponse.WriteAsync(context.Response, xml => ListAllMyBucketsResult.Write(xml, context.Principal, list));
    }

    public async Task CreateBucketAsync(S3RequestContext context)
    {
        var root = await S3XmlRequest.ReadAsync(context.Auth.Body, MaxConfigurationBytes, context.Aborted);
        var location = CreateBucketConfigurationDocument.ParseLocationConstraint(root);
        var bucket = await buckets.CreateBucketAsync(context.Bucket, context.Principal.AccountId, location, context.Aborted);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.Location = "/" + bucket.Name;
        context.Response.ContentLength = 0;
    }

    public async Task HeadBucketAsync(S3RequestContext context)
    {
        var bucket = await RequireAsync(context);
        context.Response.Headers["x-amz-bucket-region"] = bucket.Region;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
    }

    public async Task DeleteBucketAsync(S3RequestContext context)
    {
        await buckets.DeleteBucketAsync(context.Bucket, context.Aborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async Task GetBucketLocationAsync(S3RequestContext context)
    {
        var bucket = await RequireAsync(context);
        await S3XmlResponse.WriteAsync(context.Response, xml => LocationConstraintDocument.Write(xml, bucket.Region));
    }

    public async Task GetBucketVersioningAsync(S3RequestContext context)
    {
        await RequireAsync(context);
        await S3XmlResponse.WriteAsync(context.Response, VersioningConfigurationDocument.WriteUnversioned);
    }

    private async Task<BucketInfo> RequireAsync(S3RequestContext context) =>
        await buckets.GetBucketAsync(context.Bucket, context.Aborted)
        ?? throw new StorageException(StorageErrorCode.NoSuchBucket, S3Error.NoSuchBucket.DefaultMessage);
}
