using System.Collections.Immutable;
using Nuage.Iam.Identities;
using Nuage.Iam.Policies;

namespace Nuage.Iam.Management;

/// <summary>
/// One user, group or role seen as a holder of policies: its inline policies and attached policy ARNs, and how to
/// write them back. Lets <see cref="PolicyService"/> treat the three kinds alike, as IAM's API does.
/// </summary>
internal sealed record PolicyHolder(
    PolicyHolderKind Kind,
    string AccountId,
    string Name,
    ImmutableSortedDictionary<string, string> InlinePolicies,
    ImmutableList<string> AttachedPolicies)
{
    /// <summary>IAM's inline size quota of each kind ("IAM and AWS STS quotas").</summary>
    public int InlineSizeLimit => Kind switch
    {
        PolicyHolderKind.User => PolicySizeLimits.UserInline,
        PolicyHolderKind.Group => PolicySizeLimits.GroupInline,
        PolicyHolderKind.Role => PolicySizeLimits.RoleInline,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
    };

    public static PolicyHolder Find(IdentityDirectory directory, PolicyHolderKind kind, string accountId, string name) => kind switch
    {
        PolicyHolderKind.User => directory.FindUser(accountId, name) is { } u
            ? new PolicyHolder(kind, accountId, u.Name, u.InlinePolicies, u.AttachedPolicies)
            : throw UserService.NoSuchUser(name),
        PolicyHolderKind.Group => directory.FindGroup(accountId, name) is { } g
            ? new PolicyHolder(kind, accountId, g.Name, g.InlinePolicies, g.AttachedPolicies)
            : throw GroupService.NoSuchGroup(name),
        PolicyHolderKind.Role => directory.FindRole(accountId, name) is { } r
            ? new PolicyHolder(kind, accountId, r.Name, r.InlinePolicies, r.AttachedPolicies)
            : throw RoleService.NoSuchRole(name),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The directory with this holder's policies written back, and the row to persist.</summary>
    public (IdentityDirectory Next, Metadata.IdentityRow Row) Store(IdentityDirectory directory)
    {
        var key = new EntityName(AccountId, Name);
        switch (Kind)
        {
            case PolicyHolderKind.User:
                var user = directory.Users[key] with { InlinePolicies = InlinePolicies, AttachedPolicies = AttachedPolicies };
                return (directory with { Users = directory.Users.SetItem(key, user) }, IdentityRowCodec.ToRow(user));
            case PolicyHolderKind.Group:
                var group = directory.Groups[key] with { InlinePolicies = InlinePolicies, AttachedPolicies = AttachedPolicies };
                return (directory with { Groups = directory.Groups.SetItem(key, group) }, IdentityRowCodec.ToRow(group));
            case PolicyHolderKind.Role:
                var role = directory.Roles[key] with { InlinePolicies = InlinePolicies, AttachedPolicies = AttachedPolicies };
                return (directory with { Roles = directory.Roles.SetItem(key, role) }, IdentityRowCodec.ToRow(role));
            default:
                throw new InvalidOperationException("Unknown policy holder kind.");
        }
    }
}
