using Microsoft.AspNetCore.Http;
using Nuage.Iam.Acls;
using Nuage.S3.Authorization;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Xml;
using Nuage.Storage;
using Nuage.Storage.Buckets;

namespace Nuage.S3.Handlers;

/// <summary>
/// Get/Put/DeleteBucketOwnershipControls and Get/Put/DeletePublicAccessBlock: the two settings that decide whether
/// ACLs count and whether anything may be made public.
/// </summary>
public sealed class BucketControlsHandler(BucketViews views, IBucketService buckets)
{
    private const long MaxDocumentBytes = 16 * 1024;

    public async Task GetOwnershipAsync(S3RequestContext context, GetBucketOwnershipControlsOperation operation)
    {
        var bucket = await views.RequireAsync(operation.Bucket, context.Aborted);
        if (!bucket.OwnershipConfigured)
        {
            throw new S3Exception(S3Error.OwnershipControlsNotFoundError);
        }

        await S3XmlResponse.WriteAsync(context.Response, xml => OwnershipControlsDocument.Write(xml, bucket.Ownership));
    }

    public async Task PutOwnershipAsync(S3RequestContext context, PutBucketOwnershipControlsOperation operation)
    {
        var bucket = await views.RequireAsync(operation.Bucket, context.Aborted);
        var ownership = OwnershipControlsDocument.Parse(await S3XmlRequest.ReadAsync(context.Auth.Body, MaxDocumentBytes, context.Aborted));

        // Disabling ACLs must not silently revoke what a bucket ACL grants to others ("Prerequisites for
        // disabling ACLs"): such a bucket ACL is refused until it is reset to private.
        if (ownership == ObjectOwnership.BucketOwnerEnforced && bucket.AclsEnabled && ObjectOwnershipRules.BlocksEnforcement(bucket.Acl))
        {
            throw new S3Exception(S3Error.InvalidBucketAclWithObjectOwnership);
        }

        await buckets.SetSettingAsync(operation.Bucket, BucketSettingNames.Ownership, ObjectOwnershipRules.ToS3Name(ownership), context.Aborted);
        NoContent(context, StatusCodes.Status200OK);
    }

    public Task DeleteOwnershipAsync(S3RequestContext context, DeleteBucketOwnershipControlsOperation operation) =>
        ClearAsync(context, operation.Bucket, BucketSettingNames.Ownership);

    public async Task GetPublicAccessBlockAsync(S3RequestContext context, GetPublicAccessBlockOperation operation)
    {
        var bucket = await views.RequireAsync(operation.Bucket, context.Aborted);
        var block = bucket.BucketPublicAccessBlock ?? throw new S3Exception(S3Error.NoSuchPublicAccessBlockConfiguration);
        await S3XmlResponse.WriteAsync(context.Response, xml => PublicAccessBlockDocument.Write(xml, block));
    }

    public async Task PutPublicAccessBlockAsync(S3RequestContext context, PutPublicAccessBlockOperation operation)
    {
        await views.RequireAsync(operation.Bucket, context.Aborted);
        var block = PublicAccessBlockDocument.Parse(await S3XmlRequest.ReadAsync(context.Auth.Body, MaxDocumentBytes, context.Aborted));
        await buckets.SetSettingAsync(operation.Bucket, BucketSettingNames.PublicAccessBlock, block.ToJson(), context.Aborted);
        NoContent(context, StatusCodes.Status200OK);
    }

    public Task DeletePublicAccessBlockAsync(S3RequestContext context, DeletePublicAccessBlockOperation operation) =>
        ClearAsync(context, operation.Bucket, BucketSettingNames.PublicAccessBlock);

    /// <summary>Removes a setting: the bucket goes back to behaving as one that never had it (204).</summary>
    private async Task ClearAsync(S3RequestContext context, string bucket, string setting)
    {
        await views.RequireAsync(bucket, context.Aborted);
        await buckets.SetSettingAsync(bucket, setting, null, context.Aborted);
        NoContent(context, StatusCodes.Status204NoContent);
    }

    private static void NoContent(S3RequestContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentLength = 0;
    }
}
