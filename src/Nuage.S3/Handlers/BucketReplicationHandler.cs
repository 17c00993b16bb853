using Nuage.S3.Authorization;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Xml;
using Nuage.Storage;
using Nuage.Storage.Buckets;
using Nuage.Storage.Buckets.Directory;
using Nuage.Storage.Replication;

namespace Nuage.S3.Handlers;

/// <summary>
/// Get/Put/DeleteBucketReplication (the ?replication subresource; docs/replication.md). The configuration lives in
/// <see cref="BucketReplications"/> (the bucket setting "replication"), where the commit path reads it to write each
/// new version's replication into the outbox with its commit.
/// </summary>
public sealed class BucketReplicationHandler(BucketViews views, IBucketService buckets, BucketReplications replications, IBucketDirectory? directory = null)
{
    /// <summary>1000 rules with their filters fit well under this.</summary>
    private const long MaxDocumentBytes = 1024 * 1024;

    /// <summary>"Returns the replication configuration of a bucket"; 404 ReplicationConfigurationNotFoundError when it has none.</summary>
    public async Task GetAsync(S3RequestContext context, GetBucketReplicationOperation operation)
    {
        await views.RequireAsync(operation.Bucket, context.Aborted);
        var configuration = replications.Get(operation.Bucket) ?? throw new S3Exception(S3Error.ReplicationConfigurationNotFoundError);
        await S3XmlResponse.WriteAsync(context.Response, xml => ReplicationConfigurationDocument.Write(xml, configuration));
    }

    /// <summary>
    /// "Creates a replication configuration or replaces an existing one." AWS requires versioning enabled on the source
    /// ("Versioning must be 'Enabled' on the bucket to apply a replication configuration") and on the destination
    /// ("Destination bucket must have versioning enabled."), a destination that exists, and not the source itself.
    /// A destination of another account is accepted; the destination checks on each push that its bucket policy
    /// grants the source bucket's owner (or the configuration's Role) s3:ReplicateObject. A destination in another
    /// region is found in the global bucket registry; its versioning is checked by the push (a refusal makes versions FAILED).
    /// </summary>
    public async Task PutAsync(S3RequestContext context, PutBucketReplicationOperation operation)
    {
        await views.RequireAsync(operation.Bucket, context.Aborted);
        var configuration = ReplicationConfigurationDocument.Parse(await S3XmlRequest.ReadAsync(context.Auth.Body, MaxDocumentBytes, context.Aborted));
        var source = await buckets.GetBucketAsync(operation.Bucket, context.Aborted)
            ?? throw new StorageException(StorageErrorCode.NoSuchBucket, "The specified bucket does not exist.");
        if (source.Versioning != VersioningState.Enabled)
        {
            throw new S3Exception(S3Error.InvalidRequest, "Versioning must be 'Enabled' on the bucket to apply a replication configuration");
        }

        foreach (var destination in configuration.Rules.Select(r => r.DestinationBucket).Distinct(StringComparer.Ordinal))
        {
            await CheckDestinationAsync(source, destination, context.Aborted);
        }

        await replications.SetAsync(operation.Bucket, source.Owner, configuration, context.Aborted);
        context.Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
    }

    /// <summary>Removes the configuration (204, also when there was none). Versions already in the outbox are still pushed.</summary>
    public async Task DeleteAsync(S3RequestContext context, DeleteBucketReplicationOperation operation)
    {
        await views.RequireAsync(operation.Bucket, context.Aborted);
        var source = await buckets.GetBucketAsync(operation.Bucket, context.Aborted)
            ?? throw new StorageException(StorageErrorCode.NoSuchBucket, "The specified bucket does not exist.");
        await replications.SetAsync(operation.Bucket, source.Owner, null, context.Aborted);
        context.Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status204NoContent;
        context.Response.ContentLength = 0;
    }

    private async Task CheckDestinationAsync(BucketInfo source, string destination, CancellationToken cancellationToken)
    {
        if (destination == source.Name)
        {
            throw new S3Exception(S3Error.InvalidRequest, "Destination bucket cannot be the same as the source bucket.");
        }

        if (await buckets.GetBucketAsync(destination, cancellationToken) is { } local)
        {
            if (local.Versioning != VersioningState.Enabled)
            {
                throw new S3Exception(S3Error.InvalidRequest, "Destination bucket must have versioning enabled.");
            }
        }
        else if ((directory is null ? null : await directory.LocateAsync(destination, cancellationToken)) is null)
        {
            throw new S3Exception(S3Error.InvalidRequest, "Destination bucket must exist.");
        }

        // Another account's bucket is accepted here, as AWS accepts it: whether that account lets the source's owner
        // replicate into it (its bucket policy granting s3:ReplicateObject) is checked by the destination on every
        // push, and a refusal makes the version FAILED with the reason in the rule's status (docs/replication.md).
    }
}
