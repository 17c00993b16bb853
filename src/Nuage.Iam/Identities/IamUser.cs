using System.Collections.Immutable;

namespace Nuage.Iam.Identities;

/// <summary>
/// An IAM user: its inline policies by name, the managed policies attached to it, the groups it is in, its tags and
/// its permissions boundary (a managed policy's ARN that caps what its identity policies may grant).
/// </summary>
public sealed record IamUser(
    string AccountId,
    string Name,
    string Id,
    string Path,
    DateTimeOffset CreatedAt,
    ImmutableSortedDictionary<string, string> InlinePolicies,
    ImmutableList<string> AttachedPolicies,
    ImmutableList<string> Groups)
{
    public string Arn => IamArns.Of(AccountId, "user", Path, Name);

    public ImmutableList<IamTag> Tags { get; init; } = [];

    public string? PermissionsBoundary { get; init; }
}
