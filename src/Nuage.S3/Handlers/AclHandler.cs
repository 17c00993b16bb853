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
using Nuage.Storage.Objects;

namespace Nuage.S3.Handlers;

/// <summary>
/// GetBucketAcl, PutBucketAcl, GetObjectAcl, PutObjectAcl. With ACLs disabled (BucketOwnerEnforced) a Get answers
/// the bucket owner's FULL_CONTROL and a Put is refused unless it only grants the bucket owner full control.
/// A Put takes the ACL from x-amz-acl / x-amz-grant-* or from an AccessControlPolicy body.
/// </summary>
public sealed class AclHandler(BucketViews views, IBucketService buckets, IObjectService objects, AccountNames names)
{
    /// <summary>100 grants with their XML stay well under this.</summary>
    private const long MaxAclDocumentBytes = 64 * 1024;

    public async Task GetBucketAclAsync(S3RequestContext context, GetBucketAclOperation operation)
    {
        var bucket = await views.RequireAsync(operation.Bucket, context.Aborted);
        var acl = bucket.AclsEnabled ? bucket.Acl : AccessControlList.Private(names.Owner(bucket.Owner));
        await WriteAsync(context, WithDisplayNames(acl));
    }

    public async Task PutBucketAclAsync(S3RequestContext context, PutBucketAclOperation operation)
    {
        var bucket = await views.RequireAsync(operation.Bucket, context.Aborted);
        var acl = await ReadAclAsync(context, operation.Acl, names.Owner(bucket.Owner), bucket.Owner, forBucket: true);
        WriteAccess.Check(bucket, acl, operation.Acl?.Canned);
        await buckets.SetSettingAsync(operation.Bucket, BucketSettingNames.Acl, acl.ToJson(), context.Aborted);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
    }

    public async Task GetObjectAclAsync(S3RequestContext context, GetObjectAclOperation operation)
    {
        var bucket = await views.RequireAsync(operation.Bucket, context.Aborted);
        var stored = await objects.GetObjectAclAsync(operation.Bucket, operation.Key, operation.VersionId, context.Aborted);
        var acl = bucket.AclsEnabled && stored.Acl is { } json
            ? AccessControlList.FromJson(json)
            : AccessControlList.Private(names.Owner(bucket.AclsEnabled ? stored.Owner : bucket.Owner));
        await WriteAsync(context, WithDisplayNames(acl));
    }

    public async Task PutObjectAclAsync(S3RequestContext context, PutObjectAclOperation operation)
    {
        var bucket = await views.RequireAsync(operation.Bucket, context.Aborted);
        var stored = await objects.GetObjectAclAsync(operation.Bucket, operation.Key, operation.VersionId, context.Aborted);
        var acl = await ReadAclAsync(context, operation.Acl, names.Owner(stored.Owner), bucket.Owner, forBucket: false);
        WriteAccess.Check(bucket, acl, operation.Acl?.Canned);
        await objects.SetObjectAclAsync(operation.Bucket, operation.Key, operation.VersionId, bucket.AclsEnabled ? acl.ToJson() : null, context.Aborted);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
    }

    /// <summary>The ACL of the headers, else of the body; a body naming another owner is refused, as S3 does.</summary>
    private static async Task<AccessControlList> ReadAclAsync(
        S3RequestContext context, RequestAcl? headers, AclOwner owner, string bucketOwner, bool forBucket)
    {
        if (headers is not null)
        {
            return headers.Expand(owner, bucketOwner, forBucket);
        }

        var root = await S3XmlRequest.ReadAsync(context.Auth.Body, MaxAclDocumentBytes, context.Aborted);
        if (root is null)
        {
            throw new S3Exception(S3Error.MalformedACLError);
        }

        var document = AccessControlPolicyDocument.Parse(root);
        if (document.Owner is { } given && given.Id != owner.Id)
        {
            throw new S3Exception(S3Error.AccessDenied, "The Owner of an ACL cannot be changed.");
        }

        return document.ToAcl(owner);
    }

    private AccessControlList WithDisplayNames(AccessControlList acl) =>
        new(names.Owner(acl.Owner.Id), acl.Grants.Select(g => g.Grantee.Kind == AclGranteeKind.CanonicalUser
            ? g with { Grantee = AclGrantee.CanonicalUser(g.Grantee.Value, names.DisplayName(g.Grantee.Value)) }
            : g));

    private static Task WriteAsync(S3RequestContext context, AccessControlList acl) =>
        S3XmlResponse.WriteAsync(context.Response, xml => AccessControlPolicyDocument.Write(xml, acl));
}
