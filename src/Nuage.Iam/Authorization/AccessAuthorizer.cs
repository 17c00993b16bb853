namespace Nuage.Iam.Authorization;

/// <summary>
/// Decides with the identities that exist today: the operator's root key may do everything, and an anonymous
/// request nothing (no policy can grant it yet). IAM users, groups, roles, bucket policies and ACLs extend this
/// class's decision; its callers do not change.
/// </summary>
public sealed class AccessAuthorizer : IAccessAuthorizer
{
    public ValueTask<bool> IsAllowedAsync(AccessQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ValueTask.FromResult(query.Principal is not null);
    }
}
