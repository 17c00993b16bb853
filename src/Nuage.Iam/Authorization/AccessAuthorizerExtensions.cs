using Nuage.Iam.Policies;

namespace Nuage.Iam.Authorization;

public static class AccessAuthorizerExtensions
{
    /// <summary>True when the query is allowed; false for an explicit or implicit deny.</summary>
    public static async ValueTask<bool> IsAllowedAsync(this IAccessAuthorizer authorizer, AccessQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorizer);
        return await authorizer.DecideAsync(query, cancellationToken).ConfigureAwait(false) == AccessDecision.Allow;
    }
}
