using System.Collections.Immutable;
using Nuage.Iam.Identities;

namespace Nuage.Iam.Management;

/// <summary>IAM groups and their members (CreateGroup, GetGroup, ListGroups, DeleteGroup, Add/RemoveUserToGroup, ListGroupsForUser).</summary>
public sealed class GroupService(IdentityRegistry registry, TimeProvider time)
{
    public const int MaxNameLength = 128;

    public IamGroup Get(string accountId, string name) => registry.Current.FindGroup(accountId, name) ?? throw NoSuchGroup(name);

    public IReadOnlyList<IamUser> Members(string accountId, string groupName) =>
        [.. registry.Current.MembersOf(accountId, Get(accountId, groupName).Name)];

    public IReadOnlyList<IamGroup> List(string accountId, string? pathPrefix) =>
        [.. registry.Current.GroupsOf(accountId).Where(g => pathPrefix is null || g.Path.StartsWith(pathPrefix, StringComparison.Ordinal))];

    public IReadOnlyList<IamGroup> ForUser(string accountId, string userName)
    {
        var directory = registry.Current;
        var user = directory.FindUser(accountId, userName) ?? throw UserService.NoSuchUser(userName);
        return [.. user.Groups.Select(g => directory.FindGroup(accountId, g)).OfType<IamGroup>()];
    }

    public Task<IamGroup> CreateAsync(string accountId, string name, string? path, CancellationToken cancellationToken)
    {
        IamNames.ValidateName(name, "groupName", MaxNameLength);
        var validPath = IamNames.ValidatePath(path);
        return registry.ChangeAsync(
            directory =>
            {
                if (directory.FindGroup(accountId, name) is not null)
                {
                    throw new IamException(IamErrorCode.EntityAlreadyExists, $"Group with name {name} already exists.");
                }

                var group = new IamGroup(
                    accountId, name, IdentityIds.GroupId(), validPath, time.GetUtcNow(), ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal), []);
                return new IdentityChange<IamGroup>(
                    directory with { Groups = directory.Groups.Add(new EntityName(accountId, name), group) },
                    tx => tx.PutIdentity(IdentityRowCodec.ToRow(group)),
                    group);
            },
            cancellationToken);
    }

    public Task DeleteAsync(string accountId, string name, CancellationToken cancellationToken) =>
        registry.ChangeAsync(
            directory =>
            {
                var group = directory.FindGroup(accountId, name) ?? throw NoSuchGroup(name);
                var conflict = directory.MembersOf(accountId, group.Name).Any() ? "must remove users from group first"
                    : group.InlinePolicies.Count > 0 ? "must delete policies first"
                    : group.AttachedPolicies.Count > 0 ? "must detach all policies first"
                    : null;
                if (conflict is not null)
                {
                    throw new IamException(IamErrorCode.DeleteConflict, "Cannot delete entity, " + conflict + ".");
                }

                return new IdentityChange<bool>(
                    directory with { Groups = directory.Groups.Remove(new EntityName(accountId, group.Name)) },
                    tx => tx.DeleteIdentity(accountId, Metadata.IdentityKind.Group, group.Name),
                    true);
            },
            cancellationToken);

    public Task AddUserAsync(string accountId, string groupName, string userName, CancellationToken cancellationToken) =>
        ChangeMembershipAsync(accountId, groupName, userName, add: true, cancellationToken);

    public Task RemoveUserAsync(string accountId, string groupName, string userName, CancellationToken cancellationToken) =>
        ChangeMembershipAsync(accountId, groupName, userName, add: false, cancellationToken);

    private Task ChangeMembershipAsync(string accountId, string groupName, string userName, bool add, CancellationToken cancellationToken) =>
        registry.ChangeAsync(
            directory =>
            {
                var group = directory.FindGroup(accountId, groupName) ?? throw NoSuchGroup(groupName);
                var user = directory.FindUser(accountId, userName) ?? throw UserService.NoSuchUser(userName);
                var member = user.Groups.Contains(group.Name);
                if (!add && !member)
                {
                    throw new IamException(IamErrorCode.NoSuchEntity, $"User {user.Name} is not in group {group.Name}.");
                }

                // Adding a member twice is not an error in IAM; it changes nothing.
                var updated = user with { Groups = add ? (member ? user.Groups : user.Groups.Add(group.Name)) : user.Groups.Remove(group.Name) };
                return new IdentityChange<bool>(
                    directory with { Users = directory.Users.SetItem(new EntityName(accountId, user.Name), updated) },
                    tx => tx.PutIdentity(IdentityRowCodec.ToRow(updated)),
                    true);
            },
            cancellationToken);

    internal static IamException NoSuchGroup(string name) =>
        new(IamErrorCode.NoSuchEntity, $"The group with name {name} cannot be found.");
}
