using System.Collections.Immutable;

namespace Nuage.Iam.Identities;

/// <summary>
/// An IAM role: whoever its trust policy lets call sts:AssumeRole gets temporary credentials holding the role's
/// policies, for at most <see cref="MaxSessionDuration"/> seconds.
/// </summary>
public sealed record IamRole(
    string AccountId,
    string Name,
    string Id,
    string Path,
    DateTimeOffset CreatedAt,
    string TrustPolicy,
    int MaxSessionDuration,
    string? Description,
    ImmutableSortedDictionary<string, string> InlinePolicies,
    ImmutableList<string> AttachedPolicies)
{
    public string Arn => IamArns.Of(AccountId, "role", Path, Name);
}
