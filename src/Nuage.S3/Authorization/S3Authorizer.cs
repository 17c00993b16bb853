using System.Collections.Concurrent;
using Microsoft.Extensions.Primitives;
using Nuage.Iam.Authorization;
using Nuage.Iam.Policies;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Routing.Operations;
using Nuage.Storage.Buckets;

namespace Nuage.S3.Authorization;

/// <summary>
/// The S3 door's one authorization step, between routing and dispatch: every permission the typed operation needs
/// (<see cref="S3Permissions"/>) is put to <see cref="IAccessAuthorizer"/> with the request's condition keys and
/// the bucket's owner and policy, and any refusal answers AccessDenied before a handler runs or a byte of the body
/// is read. A bucket that does not exist is left to the handler, which answers NoSuchBucket as S3 does.
/// </summary>
public sealed class S3Authorizer(IAccessAuthorizer access, IBucketService buckets, TimeProvider time)
{
    // Bucket policies were validated when stored; each distinct text is parsed once.
    private readonly ConcurrentDictionary<string, PolicyDocument> _policies = new(StringComparer.Ordinal);

    public async ValueTask AuthorizeAsync(S3RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var permission in S3Permissions.For(context.Operation))
        {
            if (!await IsAllowedAsync(context, permission))
            {
                throw new S3Exception(S3Error.AccessDenied);
            }
        }
    }

    /// <summary>One permission, for handlers that authorize item by item (DeleteObjects reports each key).</summary>
    public async ValueTask<bool> IsAllowedAsync(S3RequestContext context, S3Permission permission)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(permission);
        string? owner = null;
        PolicyDocument? policy = null;

        // CreateBucket is the caller's own act: the name's current holder (if any) answers BucketAlreadyExists.
        if (permission.Bucket is { } name && context.Operation is not CreateBucketOperation)
        {
            var bucket = await buckets.GetAccessAsync(name, context.Aborted);
            if (bucket is null)
            {
                return true;
            }

            owner = bucket.Owner;
            if (permission.OwnerAccountOnly)
            {
                if (context.Principal is not { } caller || caller.AccountId != owner)
                {
                    return false;
                }

                if (caller.IsRoot)
                {
                    return true;
                }
            }

            policy = bucket.Setting(BucketSettingNames.Policy) is { } text ? _policies.GetOrAdd(text, static t => PolicyDocument.Parse(t, PolicyKind.Resource)) : null;
        }

        var request = context.Request;
        var query = new AccessQuery(
            context.Principal,
            permission.Action,
            permission.Resource,
            context.Http.Connection.RemoteIpAddress,
            request.IsHttps,
            time.GetUtcNow(),
            FirstOrNull(request.Headers.UserAgent),
            FirstOrNull(request.Headers.Referer),
            permission.Conditions,
            owner,
            policy);
        return await access.IsAllowedAsync(query, context.Aborted);
    }

    private static string? FirstOrNull(StringValues values) => values.Count == 0 ? null : values[0];
}
