using Microsoft.Extensions.Primitives;
using Nuage.Iam;
using Nuage.Iam.Acls;
using Nuage.Iam.Authorization;
using Nuage.Iam.Policies;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Routing.Operations;
using Nuage.Storage;
using Nuage.Storage.Multipart;
using Nuage.Storage.Objects;

namespace Nuage.S3.Authorization;

/// <summary>
/// The S3 door's one authorization step, between routing and dispatch: every permission the typed operation needs
/// (<see cref="S3Permissions"/>) is put to <see cref="IAccessAuthorizer"/> with the request's condition keys and
/// the bucket's owner and policy; where policies neither allow nor explicitly deny and the bucket has ACLs
/// enabled, the bucket's or object's ACL may grant it ("How Amazon S3 authorizes a request"). Any refusal answers
/// AccessDenied before a handler runs or a byte of the body is read. A bucket that does not exist is left to the
/// handler, which answers NoSuchBucket as S3 does.
/// </summary>
public sealed class S3Authorizer(IAccessAuthorizer access, BucketViews views, IObjectService objects, IMultipartService multipart, TimeProvider time)
{
    private readonly ExistingObjectTags _existingTags = new(access, objects);

    public async ValueTask AuthorizeAsync(S3RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await CheckExpectedOwnerAsync(context, context.Operation.BucketName, "x-amz-expected-bucket-owner");
        var source = context.Operation switch
        {
            CopyObjectOperation op => op.Source.Bucket,
            UploadPartCopyOperation op => op.Source.Bucket,
            _ => null,
        };
        await CheckExpectedOwnerAsync(context, source, "x-amz-source-expected-bucket-owner");
        foreach (var permission in S3Permissions.For(context.Operation))
        {
            if (!await IsAllowedAsync(context, permission) && !await MayLearnItIsMissingAsync(context, permission))
            {
                throw new S3Exception(S3Error.AccessDenied);
            }
        }
    }

    /// <summary>
    /// Whether the caller may be told that a key does not exist: "If the object you request doesn't exist, the error
    /// that Amazon S3 returns depends on whether you also have the s3:ListBucket permission" (GetObject, HeadObject):
    /// 404 NoSuchKey with it, 403 AccessDenied without. The pipeline asks this before answering NoSuchKey.
    /// </summary>
    public ValueTask<bool> MayListKeyAsync(S3RequestContext context, string bucket, string key)
    {
        ArgumentNullException.ThrowIfNull(context);
        var list = new S3Permission("s3:ListBucket", bucket, null, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["s3:prefix"] = key });
        return IsAllowedAsync(context, list);
    }

    /// <summary>
    /// A read refused by GetObject's policies still gets its 404 when the key is missing and the caller may list it,
    /// so a client allowed to list a prefix learns what is not there, as on AWS (ceph/s3-tests
    /// test_head_object_404_with_policy_prefix).
    /// </summary>
    private async ValueTask<bool> MayLearnItIsMissingAsync(S3RequestContext context, S3Permission permission)
    {
        if (context.Operation is not (GetObjectOperation or HeadObjectOperation) || permission.Bucket is not { } bucket || permission.Key is not { } key)
        {
            return false;
        }

        try
        {
            await objects.HeadObjectAsync(bucket, key, null, context.Aborted);
            return false; // it exists: the refusal stands
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.NoSuchKey)
        {
            return await MayListKeyAsync(context, bucket, key);
        }
        catch (StorageException)
        {
            return false;
        }
    }

    /// <summary>
    /// x-amz-expected-bucket-owner (and x-amz-source-expected-bucket-owner for a copy's source): "If the bucket is
    /// owned by a different account, the request fails with the HTTP status code 403 Forbidden (access denied)", so a
    /// client never writes into, or reads from, a bucket that changed hands under the same name.
    /// </summary>
    private async ValueTask CheckExpectedOwnerAsync(S3RequestContext context, string? bucketName, string header)
    {
        if (bucketName is null || context.Header(header) is not { } expected)
        {
            return;
        }

        if (await views.GetAsync(bucketName, context.Aborted) is { } bucket && bucket.Owner != expected.Trim())
        {
            throw new S3Exception(S3Error.AccessDenied);
        }
    }

    /// <summary>One permission, for handlers that authorize item by item (DeleteObjects reports each key).</summary>
    public async ValueTask<bool> IsAllowedAsync(S3RequestContext context, S3Permission permission)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(permission);
        var caller = context.Principal;

        // CreateBucket is the caller's own act: the name's current holder (if any) answers BucketAlreadyExists.
        if (permission.Bucket is not { } name || context.Operation is CreateBucketOperation)
        {
            return await access.DecideAsync(Query(context, permission, null, null), context.Aborted) == AccessDecision.Allow;
        }

        var bucket = await views.GetAsync(name, context.Aborted);
        if (bucket is null)
        {
            return true;
        }

        if (permission.OwnerAccountOnly && OwnerAccountRule.Decide(caller, bucket.Owner, permission.RootBypassesPolicy) is { } ownerRule)
        {
            if (!ownerRule && permission.RootBypassesPolicy && caller is not null
                && await access.DecideAsync(Query(context, permission, bucket.Owner, bucket.Policy), context.Aborted) == AccessDecision.Allow)
            {
                // Get/Put/DeleteBucketPolicy: "If you have the correct permissions, but you're not using an identity
                // that belongs to the bucket owner's account, Amazon S3 returns a 405 Method Not Allowed error."
                throw new S3Exception(
                    S3Error.MethodNotAllowed,
                    "The bucket policy can only be read or changed by identities of the bucket owner's account.");
            }

            return ownerRule;
        }

        // RestrictPublicBuckets: a public policy grants nothing to anyone outside the owner's account.
        var policy = bucket.Policy;
        if (policy is not null && bucket.PolicyIsPublic && bucket.EffectivePublicAccessBlock.RestrictPublicBuckets
            && (caller is null || caller.AccountId != bucket.Owner))
        {
            policy = null;
        }

        var query = await _existingTags.AddAsync(Query(context, permission, bucket.Owner, policy), permission, context.Aborted);
        var decision = await access.DecideAsync(query, context.Aborted);
        if (decision != AccessDecision.ImplicitDeny)
        {
            return decision == AccessDecision.Allow;
        }

        if (await InitiatorMayAsync(context, permission, query))
        {
            return true;
        }

        if (bucket.AclsEnabled && await AclGrantsAsync(context, permission, bucket, query))
        {
            // Known here and nowhere else: the access log's "ACL required" field reads it, with no second evaluation.
            context.AuthorizedByAcl = true;
            return true;
        }

        return false;
    }

    /// <summary>
    /// "By default, the bucket owner and the initiator of the multipart upload are allowed to perform this action"
    /// (AbortMultipartUpload, ListParts): the account that started an upload in someone else's bucket may list and
    /// abort it, its users where their own identity policies allow.
    /// </summary>
    private async ValueTask<bool> InitiatorMayAsync(S3RequestContext context, S3Permission permission, AccessQuery query)
    {
        var uploadId = context.Operation switch
        {
            AbortMultipartUploadOperation op when permission.Action == "s3:AbortMultipartUpload" => op.UploadId,
            ListPartsOperation op when permission.Action == "s3:ListMultipartUploadParts" => op.UploadId,
            _ => null,
        };
        if (uploadId is null || context.Principal is not { } caller)
        {
            return false;
        }

        try
        {
            var upload = await multipart.GetUploadAsync(permission.Bucket!, permission.Key!, uploadId, context.Aborted);
            return upload.Owner == caller.AccountId
                && (caller.IsRoot || await access.DecideAsync(query with { ResourceOwnerAccountId = caller.AccountId, ResourcePolicy = null }, context.Aborted) == AccessDecision.Allow);
        }
        catch (StorageException)
        {
            return false; // no such upload: nothing to grant
        }
    }

    private async ValueTask<bool> AclGrantsAsync(S3RequestContext context, S3Permission permission, BucketView bucket, AccessQuery query)
    {
        var kind = AclEvaluator.ConsultedAcl(permission.Action);
        if (kind is null)
        {
            return false;
        }

        AccessControlList acl;
        if (kind == AclResourceKind.Bucket)
        {
            acl = bucket.Acl;
        }
        else
        {
            try
            {
                var stored = await objects.GetObjectAclAsync(bucket.Name, permission.Key!, VersionOf(context.Operation), context.Aborted);
                acl = stored.Acl is { } json ? AccessControlList.FromJson(json) : AccessControlList.Private(new AclOwner(stored.Owner, stored.Owner));
            }
            catch (StorageException)
            {
                return false; // no such object: nothing to grant, and S3 does not tell a stranger it is missing
            }
        }

        var caller = context.Principal;
        var requester = caller is null ? AclRequester.Anonymous : AclRequester.Account(caller.AccountId);
        if (!AclEvaluator.IsAllowed(acl, kind.Value, requester, permission.Action, bucket.EffectivePublicAccessBlock.IgnorePublicAcls))
        {
            return false;
        }

        // An ACL grants to an account; a user or role session of that account uses the grant only when its own
        // identity policies allow the action ("Managing access with ACLs": the account delegates to its users).
        return caller is null || caller.IsRoot
            || await access.DecideAsync(query with { ResourceOwnerAccountId = caller.AccountId, ResourcePolicy = null }, context.Aborted) == AccessDecision.Allow;
    }

    /// <summary>
    /// Whether the caller's identity policies allow <paramref name="action"/> on a resource of another service that
    /// has no resource policy here (a KMS key, whose use S3 asks for on the caller's behalf).
    /// </summary>
    public async ValueTask<bool> IdentityAllowsAsync(S3RequestContext context, string action, string resourceArn, string ownerAccountId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = Query(context, action, resourceArn, null, ownerAccountId, null);
        return await access.DecideAsync(query, context.Aborted) == AccessDecision.Allow;
    }

    private AccessQuery Query(S3RequestContext context, S3Permission permission, string? owner, PolicyDocument? policy) =>
        Query(context, permission.Action, permission.Resource, permission.Conditions, owner, policy);

    private AccessQuery Query(
        S3RequestContext context, string action, string resource, IReadOnlyDictionary<string, string>? conditions, string? owner, PolicyDocument? policy)
    {
        var request = context.Request;
        return new AccessQuery(
            context.Principal,
            action,
            resource,
            context.Http.Connection.RemoteIpAddress,
            request.IsHttps,
            time.GetUtcNow(),
            FirstOrNull(request.Headers.UserAgent),
            FirstOrNull(request.Headers.Referer),
            conditions,
            owner,
            policy);
    }

    private static string? VersionOf(Routing.S3Operation operation) => operation switch
    {
        GetObjectOperation op => op.VersionId,
        HeadObjectOperation op => op.VersionId,
        GetObjectAclOperation op => op.VersionId,
        PutObjectAclOperation op => op.VersionId,
        _ => null,
    };

    private static string? FirstOrNull(StringValues values) => values.Count == 0 ? null : values[0];
}
