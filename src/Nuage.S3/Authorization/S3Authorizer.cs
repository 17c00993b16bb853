using Microsoft.AspNetCore.Http;
using Nuage.Iam.Authorization;
using Nuage.S3.Errors;
using Nuage.S3.Http;

namespace Nuage.S3.Authorization;

/// <summary>
/// The S3 door's one authorization step, between routing and dispatch: every permission the typed operation needs
/// (<see cref="S3Permissions"/>) is put to <see cref="IAccessAuthorizer"/> with the request's condition keys, and any
/// refusal answers AccessDenied before a handler runs or a byte of the body is read.
/// </summary>
public sealed class S3Authorizer(IAccessAuthorizer access, TimeProvider time)
{
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
    public ValueTask<bool> IsAllowedAsync(S3RequestContext context, S3Permission permission)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(permission);
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
            permission.Conditions);
        return access.IsAllowedAsync(query, context.Aborted);
    }

    private static string? FirstOrNull(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 0 ? null : values[0];
}
