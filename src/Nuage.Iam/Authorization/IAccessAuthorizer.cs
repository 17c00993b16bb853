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

    /// <summary>
    /// Whether a policy that could take part in deciding <paramref name="query"/> has a condition on a key starting
    /// with <paramref name="keyPrefix"/>, so a door fetches a costly context key (S3's s3:ExistingObjectTag/&lt;key&gt;,
    /// an object's stored tags) only when something reads it. An implementation that cannot tell answers true.
    /// </summary>
    bool MayReadConditionKey(AccessQuery query, string keyPrefix) => true;
}
