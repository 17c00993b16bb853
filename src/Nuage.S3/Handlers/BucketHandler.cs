using Microsoft.AspNetCore.Http;
using Nuage.Iam.Acls;
using Nuage.S3.Authorization;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Routing;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Xml;
using Nuage.Storage;
using Nuage.Storage.Buckets;

namespace Nuage.S3.Handlers;

/// <summary>ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation.</summary>
public sealed class BucketHandler(IBucketService buckets, S3FrontDoorOptions options, AccountNames names)
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
        var owner = context.SignedPrincipal.AccountId;
        var bucket = await buckets.CreateBucketAsync(operation.Bucket, owner, location, InitialSettings(operation, owner), context.Aborted);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.Location = "/" + bucket.Name;
        context.Response.ContentLength = 0;
    }

    /// <summary>
    /// Object Ownership, Block Public Access and ACL of a new bucket ("Default settings for new S3 buckets"): ACLs
    /// disabled and public access blocked unless the request or --legacy-bucket-defaults says otherwise. An ACL on a
    /// bucket with ACLs disabled must only grant the owner (InvalidBucketAclWithObjectOwnership); a public one is
    /// refused while public ACLs are blocked.
    /// </summary>
    private Dictionary<string, string> InitialSettings(CreateBucketOperation operation, string owner)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (operation.ObjectLockEnabled)
        {
            // x-amz-bucket-object-lock-enabled: the bucket is created with Object Lock (and, by the storage service,
            // versioning enabled), without a default retention until PutObjectLockConfiguration sets one.
            settings[BucketSettingNames.ObjectLock] = ObjectLockConfigurationDocument.ToStored(ObjectLock.ObjectLockConfiguration.EnabledWithoutDefault);
        }

        var ownership = operation.Ownership ?? (options.LegacyBucketDefaults ? (ObjectOwnership?)null : ObjectOwnership.BucketOwnerEnforced);
        if (ownership is { } o)
        {
            settings[BucketSettingNames.Ownership] = ObjectOwnershipRules.ToS3Name(o);
        }

        var block = options.LegacyBucketDefaults ? null : PublicAccessBlockConfiguration.All;
        if (block is not null)
        {
            settings[BucketSettingNames.PublicAccessBlock] = block.ToJson();
        }

        if (operation.Acl is { } requested)
        {
            var acl = requested.Expand(names.Owner(owner), owner, forBucket: true);
            if (ownership == ObjectOwnership.BucketOwnerEnforced)
            {
                if (!ObjectOwnershipRules.IsAcceptedWhileAclsDisabled(acl, owner))
                {
                    throw new S3Exception(S3Error.InvalidBucketAclWithObjectOwnership);
                }
            }
            else
            {
                if (block is { BlockPublicAcls: true } && AclPublicity.IsPublic(acl))
                {
                    throw new S3Exception(S3Error.AccessDenied, "Access Denied: Block Public Access (BlockPublicAcls) forbids public ACLs on this bucket.");
                }

                settings[BucketSettingNames.Acl] = acl.ToJson();
            }
        }

        return settings;
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

    private async Task<BucketInfo> RequireAsync(string name, S3RequestContext context) =>
        await buckets.GetBucketAsync(name, context.Aborted)
        ?? throw new StorageException(StorageErrorCode.NoSuchBucket, S3Error.NoSuchBucket.DefaultMessage);
}
