using System.Collections.Immutable;
using Nuage.Iam.Identities;

namespace Nuage.Iam.Management;

/// <summary>IAM users of an account (CreateUser, GetUser, ListUsers, DeleteUser).</summary>
public sealed class UserService(IdentityRegistry registry, TimeProvider time)
{
    public const int MaxNameLength = 64;

    public IamUser Get(string accountId, string name) =>
        registry.Current.FindUser(accountId, name) ?? throw NoSuchUser(name);

    public IReadOnlyList<IamUser> List(string accountId, string? pathPrefix) =>
        [.. registry.Current.UsersOf(accountId).Where(u => pathPrefix is null || u.Path.StartsWith(pathPrefix, StringComparison.Ordinal))];

    /// <summary>CreateUser, with its Tags and PermissionsBoundary when given (either invalid: nothing is created).</summary>
    public Task<IamUser> CreateAsync(
        string accountId, string name, string? path, CancellationToken cancellationToken, IReadOnlyList<IamTag>? tags = null, string? permissionsBoundary = null)
    {
        IamNames.ValidateName(name, "userName", MaxNameLength);
        var validPath = IamNames.ValidatePath(path);
        IamTags.Validate(tags ?? []);
        return registry.ChangeAsync(
            directory =>
            {
                if (directory.FindUser(accountId, name) is not null)
                {
                    throw new IamException(IamErrorCode.EntityAlreadyExists, $"User with name {name} already exists.");
                }

                var boundary = permissionsBoundary is null ? null : PermissionsBoundaryService.RequirePolicy(directory, accountId, permissionsBoundary).Arn;
                var user = new IamUser(
                    accountId, name, IdentityIds.UserId(), validPath, time.GetUtcNow(),
                    ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal), [], [])
                {
                    Tags = [.. tags ?? []],
                    PermissionsBoundary = boundary,
                };
                return new IdentityChange<IamUser>(
                    directory with { Users = directory.Users.Add(new EntityName(accountId, name), user) },
                    tx => tx.PutIdentity(IdentityRowCodec.ToRow(user)),
                    user);
            },
            cancellationToken);
    }

    /// <summary>
    /// Deletes the user. As in IAM, a user that still has access keys, policies or group memberships is a
    /// DeleteConflict, unless <paramref name="force"/> (the admin API's --force) removes them in the same change.
    /// </summary>
    public Task DeleteAsync(string accountId, string name, bool force, CancellationToken cancellationToken) =>
        registry.ChangeAsync(
            directory =>
            {
                var user = directory.FindUser(accountId, name) ?? throw NoSuchUser(name);
                var keys = directory.KeysOf(accountId, user.Name).Select(k => k.AccessKeyId).ToList();
                if (!force)
                {
                    var conflict = keys.Count > 0 ? "must delete access keys first"
                        : user.InlinePolicies.Count > 0 ? "must delete policies first"
                        : user.AttachedPolicies.Count > 0 ? "must detach all policies first"
                        : user.Groups.Count > 0 ? "must remove users from group first"
                        : null;
                    if (conflict is not null)
                    {
                        throw new IamException(IamErrorCode.DeleteConflict, "Cannot delete entity, " + conflict + ".");
                    }
                }

                return new IdentityChange<bool>(
                    directory with
                    {
                        Users = directory.Users.Remove(new EntityName(accountId, user.Name)),
                        AccessKeys = directory.AccessKeys.RemoveRange(keys),
                    },
                    tx =>
                    {
                        foreach (var key in keys)
                        {
                            tx.DeleteAccessKey(key);
                        }

                        tx.DeleteIdentity(accountId, Metadata.IdentityKind.User, user.Name);
                    },
                    true);
            },
            cancellationToken);

    internal static IamException NoSuchUser(string name) =>
        new(IamErrorCode.NoSuchEntity, $"The user with name {name} cannot be found.");
}
