using Microsoft.AspNetCore.Http;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Xml;
using Nuage.Storage;
using Nuage.Storage.Buckets;

namespace Nuage.S3.Handlers;

/// <summary>GetBucketVersioning and PutBucketVersioning (AWS "Using versioning in S3 buckets").</summary>
public sealed class VersioningHandler(
    IBucketService buckets, Authorization.BucketViews views, Nuage.Storage.Replication.BucketReplications? replications = null)
{
    private const long MaxDocumentBytes = 4 * 1024;

    public async Task GetAsync(S3RequestContext context, GetBucketVersioningOperation operation)
    {
        var bucket = await buckets.GetBucketAsync(operation.Bucket, context.Aborted)
            ?? throw new StorageException(StorageErrorCode.NoSuchBucket, S3Error.NoSuchBucket.DefaultMessage);
        await S3XmlResponse.WriteAsync(context.Response, xml => VersioningConfigurationDocument.Write(xml, bucket.Versioning));
    }

    public async Task PutAsync(S3RequestContext context, PutBucketVersioningOperation operation)
    {
        var state = VersioningConfigurationDocument.Parse(await S3XmlRequest.ReadAsync(context.Auth.Body, MaxDocumentBytes, context.Aborted));
        if (state == VersioningState.Suspended && (await views.GetAsync(operation.Bucket, context.Aborted))?.ObjectLock is not null)
        {
            // "You can't suspend versioning on a bucket that has Object Lock enabled" (AWS "Configuring S3 Object Lock").
            throw new S3Exception(S3Error.InvalidBucketState, "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.");
        }

        if (state == VersioningState.Suspended && replications?.Get(operation.Bucket) is not null)
        {
            // A source bucket must stay versioning-enabled while it replicates (AWS "Requirements and considerations
            // for replication"), and AWS refuses the change with this error.
            throw new S3Exception(S3Error.InvalidBucketState, "A replication configuration is present on this bucket, so the versioning state cannot be changed.");
        }

        if (state is { } requested)
        {
            await buckets.SetVersioningAsync(operation.Bucket, requested, context.Aborted);
        }
        else if (await buckets.GetBucketAsync(operation.Bucket, context.Aborted) is null)
        {
            throw new StorageException(StorageErrorCode.NoSuchBucket, S3Error.NoSuchBucket.DefaultMessage);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
    }
}
