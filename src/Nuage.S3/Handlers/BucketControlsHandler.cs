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
public sealed class BucketControlsHandler(BucketViews views, BucketSettingWriter settings)
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

        await settings.PutAsync(context, operation.Bucket, BucketSettingNames.Ownership, ObjectOwnershipRules.ToS3Name(ownership));
    }

    public Task DeleteOwnershipAsync(S3RequestContext context, DeleteBucketOwnershipControlsOperation operation) =>
        settings.ClearAsync(context, operation.Bucket, BucketSettingNames.Ownership);

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
        await settings.PutAsync(context, operation.Bucket, BucketSettingNames.PublicAccessBlock, block.ToJson());
    }

    public Task DeletePublicAccessBlockAsync(S3RequestContext context, DeletePublicAccessBlockOperation operation) =>
        settings.ClearAsync(context, operation.Bucket, BucketSettingNames.PublicAccessBlock);
}
