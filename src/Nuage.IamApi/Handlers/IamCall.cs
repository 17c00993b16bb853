using Microsoft.AspNetCore.Http;
using Nuage.Iam;
using Nuage.Iam.Authorization;
using Nuage.Iam.Identities;
using Nuage.Iam.Management;
using Nuage.IamApi.Protocol;

namespace Nuage.IamApi.Handlers;

/// <summary>
/// One authenticated IAM or STS call: who asks, the parsed parameters, and the authorization check every IAM
/// action passes ("Actions, resources, and condition keys for IAM": iam:ACTION on the entity's ARN). The caller's
/// account is the one acted on: an account's identities are managed with that account's credentials.
/// </summary>
public sealed class IamCall(HttpContext http, Principal principal, QueryRequest request, IAccessAuthorizer authorizer, TimeProvider time)
{
    public Principal Principal => principal;

    public QueryRequest Request => request;

    public string AccountId => principal.AccountId;

    public CancellationToken Cancellation => http.RequestAborted;

    /// <summary>The query every authorization of this call starts from (context keys of the HTTP request).</summary>
    public AccessQuery Query(string action, string resource) => new(
        principal,
        action,
        resource,
        http.Connection.RemoteIpAddress,
        http.Request.IsHttps,
        time.GetUtcNow(),
        http.Request.Headers.UserAgent.Count == 1 ? http.Request.Headers.UserAgent[0] : null,
        ResourceOwnerAccountId: principal.AccountId);

    /// <summary>
    /// Refuses the call (AccessDenied, worded as IAM words it) unless the caller may perform iam:ACTION on
    /// <paramref name="resourceArn"/>. Root users and the operator are allowed on their account; users need an
    /// identity policy that allows it, role sessions their role's (narrowed by the session policy).
    /// </summary>
    public async Task AuthorizeAsync(string resourceArn)
    {
        var action = "iam:" + request.Action;
        if (!await authorizer.IsAllowedAsync(Query(action, resourceArn), Cancellation).ConfigureAwait(false))
        {
            throw new IamException(
                IamErrorCode.AccessDenied, $"User: {principal.Arn} is not authorized to perform: {action} on resource: {resourceArn}");
        }
    }

    /// <summary>
    /// The user, group or role the call names (UserName, GroupName or RoleName, by <paramref name="kind"/>), once the
    /// caller is authorized on its ARN: the check every action on one policy holder, tag set or boundary starts with.
    /// </summary>
    public async Task<string> AuthorizeHolderAsync(IdentityDirectory directory, PolicyHolderKind kind)
    {
        var (parameter, arnKind) = InlinePolicyHandler.Naming(kind);
        var name = request.Require(parameter);
        await AuthorizeAsync(ArnOf(directory, arnKind, name)).ConfigureAwait(false);
        return name;
    }

    /// <summary>The ARN of a user, group or role by name: the stored one (with its path) if it exists, else with path "/".</summary>
    public string ArnOf(IdentityDirectory directory, string kind, string name, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var existing = kind switch
        {
            "user" => directory.FindUser(AccountId, name)?.Arn,
            "group" => directory.FindGroup(AccountId, name)?.Arn,
            "role" => directory.FindRole(AccountId, name)?.Arn,
            _ => null,
        };
        return existing ?? IamArns.Of(AccountId, kind, path ?? "/", name);
    }
}
