using Microsoft.AspNetCore.Http;
using Nuage.S3.Authorization;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.ObjectLock;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Xml;
using Nuage.Storage.Buckets;
using Nuage.Storage.Objects;

namespace Nuage.S3.Handlers;

/// <summary>
/// Object Lock (AWS "Locking objects with Object Lock"): Put/GetObjectLockConfiguration on buckets, and
/// Put/GetObjectRetention and Put/GetObjectLegalHold on object versions. The rules that protect versions are
/// enforced by the storage commit path; this handler reads and writes the documents.
/// </summary>
public sealed class ObjectLockHandler(BucketViews views, IBucketService buckets, IObjectService objects, BucketSettingWriter settings)
{
    private const long MaxDocumentBytes = 4 * 1024;

    public async Task GetConfigurationAsync(S3RequestContext context, GetObjectLockConfigurationOperation operation)
    {
        var bucket = await views.RequireAsync(operation.Bucket, context.Aborted);
        var configuration = bucket.ObjectLock ?? throw new S3Exception(S3Error.ObjectLockConfigurationNotFoundError);
        await S3XmlResponse.WriteAsync(context.Response, xml => ObjectLockConfigurationDocument.Write(xml, configuration));
    }

    /// <summary>
    /// Enables Object Lock on a versioned bucket or replaces its default retention. "You can enable Object Lock on an
    /// existing bucket ... versioning must be enabled"; without it the answer is 409 InvalidBucketState.
    /// </summary>
    public async Task PutConfigurationAsync(S3RequestContext context, PutObjectLockConfigurationOperation operation)
    {
        var configuration = ObjectLockConfigurationDocument.Parse(await S3XmlRequest.ReadAsync(context.Auth.Body, MaxDocumentBytes, context.Aborted));
        await views.RequireAsync(operation.Bucket, context.Aborted);
        var bucket = await buckets.GetBucketAsync(operation.Bucket, context.Aborted);
        if (bucket is not { Versioning: VersioningState.Enabled })
        {
            throw new S3Exception(S3Error.InvalidBucketState, "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration");
        }

        await settings.PutAsync(context, operation.Bucket, BucketSettingNames.ObjectLock, ObjectLockConfigurationDocument.ToStored(configuration));
    }

    public async Task GetRetentionAsync(S3RequestContext context, GetObjectRetentionOperation operation)
    {
        await RequireLockAsync(operation.Bucket, context);
        var state = await objects.GetObjectLockAsync(operation.Bucket, operation.Key, operation.VersionId, context.Aborted);
        if (state.Mode is not { } mode || state.RetainUntil is not { } until)
        {
            throw new S3Exception(S3Error.NoSuchObjectLockConfiguration);
        }

        await S3XmlResponse.WriteAsync(context.Response, xml => RetentionDocument.Write(xml, mode, until));
    }

    public async Task PutRetentionAsync(S3RequestContext context, PutObjectRetentionOperation operation)
    {
        await RequireLockAsync(operation.Bucket, context);
        var (mode, until) = RetentionDocument.Parse(await S3XmlRequest.ReadAsync(context.Auth.Body, MaxDocumentBytes, context.Aborted));
        if (until is { } date && date <= DateTimeOffset.UtcNow)
        {
            throw new S3Exception(S3Error.InvalidArgument, "The retain until date must be in the future!");
        }

        await objects.SetObjectRetentionAsync(operation.Bucket, operation.Key, operation.VersionId, mode, until, operation.BypassGovernance, context.Aborted);
        Empty(context);
    }

    public async Task GetLegalHoldAsync(S3RequestContext context, GetObjectLegalHoldOperation operation)
    {
        await RequireLockAsync(operation.Bucket, context);
        var state = await objects.GetObjectLockAsync(operation.Bucket, operation.Key, operation.VersionId, context.Aborted);
        await S3XmlResponse.WriteAsync(context.Response, xml => LegalHoldDocument.Write(xml, state.LegalHold));
    }

    public async Task PutLegalHoldAsync(S3RequestContext context, PutObjectLegalHoldOperation operation)
    {
        await RequireLockAsync(operation.Bucket, context);
        var on = LegalHoldDocument.Parse(await S3XmlRequest.ReadAsync(context.Auth.Body, MaxDocumentBytes, context.Aborted));
        await objects.SetObjectLegalHoldAsync(operation.Bucket, operation.Key, operation.VersionId, on, context.Aborted);
        Empty(context);
    }

    /// <summary>"Bucket is missing Object Lock Configuration" (400 InvalidRequest) for retention or legal hold elsewhere.</summary>
    private async Task RequireLockAsync(string bucket, S3RequestContext context)
    {
        if ((await views.RequireAsync(bucket, context.Aborted)).ObjectLock is null)
        {
            throw new S3Exception(S3Error.InvalidRequest, "Bucket is missing Object Lock Configuration");
        }
    }

    private static void Empty(S3RequestContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
    }
}
