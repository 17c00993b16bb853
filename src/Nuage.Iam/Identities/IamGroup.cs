using System.Collections.Immutable;

namespace Nuage.Iam.Identities;

/// <summary>An IAM group: policies every member holds. Members are recorded on the users (<see cref="IamUser.Groups"/>).</summary>
public sealed record IamGroup(
    string AccountId,
    string Name,
    string Id,
    string Path,
    DateTimeOffset CreatedAt,
    ImmutableSortedDictionary<string, string> InlinePolicies,
    ImmutableList<string> AttachedPolicies)
{
    public string Arn => IamArns.Of(AccountId, "group", Path, Name);
}
