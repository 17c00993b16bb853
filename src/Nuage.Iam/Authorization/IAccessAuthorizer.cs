using Nuage.Iam.Policies;

namespace Nuage.Iam.Authorization;

/// <summary>
/// The one place that decides whether a request may act (DESIGN.md "Accounts and identities"): front doors ask it
/// after routing and before dispatch, with the typed action and resource; none decides on its own.
/// </summary>
public interface IAccessAuthorizer
{
    /// <summary>
    /// Allow, or why not: an explicit deny (nothing else may grant it) or an implicit one (a door with another
    /// grant mechanism, S3's ACLs, may still grant it).
    /// </summary>
    ValueTask<AccessDecision> DecideAsync(AccessQuery query, CancellationToken cancellationToken);
}
