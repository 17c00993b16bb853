using System.Collections.Immutable;

namespace Nuage.Iam.Identities;

/// <summary>
/// An IAM role: whoever its trust policy lets call sts:AssumeRole gets temporary credentials holding the role's
/// policies, for at most <see cref="MaxSessionDuration"/> seconds. Its tags are the sessions' aws:PrincipalTag keys;
/// its permissions boundary caps what its policies grant to every session.
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

    public ImmutableList<IamTag> Tags { get; init; } = [];

    public string? PermissionsBoundary { get; init; }
}
