using System.Collections.Immutable;
using Nuage.Iam.Identities;

namespace Nuage.Iam.Management;

/// <summary>
/// A user or role seen as what tags and permissions boundaries apply to (IAM's TagUser/TagRole,
/// Put{User,Role}PermissionsBoundary), so <see cref="TagService"/> and <see cref="PermissionsBoundaryService"/> treat
/// both alike, as <see cref="PolicyHolder"/> does for policies.
/// </summary>
internal sealed record TaggableEntity(PolicyHolderKind Kind, string AccountId, string Name, ImmutableList<IamTag> Tags, string? PermissionsBoundary)
{
    public static TaggableEntity Find(IdentityDirectory directory, PolicyHolderKind kind, string accountId, string name) => kind switch
    {
        PolicyHolderKind.User => directory.FindUser(accountId, name) is { } u
            ? new TaggableEntity(kind, accountId, u.Name, u.Tags, u.PermissionsBoundary)
            : throw UserService.NoSuchUser(name),
        PolicyHolderKind.Role => directory.FindRole(accountId, name) is { } r
            ? new TaggableEntity(kind, accountId, r.Name, r.Tags, r.PermissionsBoundary)
            : throw RoleService.NoSuchRole(name),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only users and roles have tags and permissions boundaries."),
    };

    /// <summary>The change that writes this entity's tags and boundary back.</summary>
    public IdentityChange<bool> Store(IdentityDirectory directory)
    {
        var key = new EntityName(AccountId, Name);
        switch (Kind)
        {
            case PolicyHolderKind.User:
                var user = directory.Users[key] with { Tags = Tags, PermissionsBoundary = PermissionsBoundary };
                return new(directory with { Users = directory.Users.SetItem(key, user) }, tx => tx.PutIdentity(IdentityRowCodec.ToRow(user)), true);
            case PolicyHolderKind.Role:
                var role = directory.Roles[key] with { Tags = Tags, PermissionsBoundary = PermissionsBoundary };
                return new(directory with { Roles = directory.Roles.SetItem(key, role) }, tx => tx.PutIdentity(IdentityRowCodec.ToRow(role)), true);
            default:
                throw new InvalidOperationException("Only users and roles have tags and permissions boundaries.");
        }
    }
}
