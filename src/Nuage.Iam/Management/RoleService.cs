using System.Collections.Immutable;
using Nuage.Iam.Identities;
using Nuage.Iam.Policies;

namespace Nuage.Iam.Management;

/// <summary>IAM roles (CreateRole, GetRole, ListRoles, DeleteRole, UpdateAssumeRolePolicy).</summary>
public sealed class RoleService(IdentityRegistry registry, TimeProvider time)
{
    public const int MaxNameLength = 64;

    /// <summary>IAM's bounds for MaxSessionDuration: one to twelve hours, one hour when not given.</summary>
    public const int MinSessionSeconds = 3600;
    public const int MaxSessionSeconds = 43200;

    public IamRole Get(string accountId, string name) => registry.Current.FindRole(accountId, name) ?? throw NoSuchRole(name);

    public IReadOnlyList<IamRole> List(string accountId, string? pathPrefix) =>
        [.. registry.Current.RolesOf(accountId).Where(r => pathPrefix is null || r.Path.StartsWith(pathPrefix, StringComparison.Ordinal))];

    /// <summary>CreateRole, with its Tags and PermissionsBoundary when given (either invalid: nothing is created).</summary>
    public Task<IamRole> CreateAsync(
        string accountId, string name, string? path, string trustPolicy, string? description, int? maxSessionDuration, CancellationToken cancellationToken,
        IReadOnlyList<IamTag>? tags = null, string? permissionsBoundary = null)
    {
        IamNames.ValidateName(name, "roleName", MaxNameLength);
        var validPath = IamNames.ValidatePath(path);
        IamTags.Validate(tags ?? []);
        PolicyValidation.Validate(trustPolicy, PolicyKind.Trust, PolicySizeLimits.Trust, "role trust policy");
        var duration = maxSessionDuration ?? MinSessionSeconds;
        if (duration is < MinSessionSeconds or > MaxSessionSeconds)
        {
            throw new IamException(IamErrorCode.ValidationError, $"The MaxSessionDuration must be between {MinSessionSeconds} and {MaxSessionSeconds} seconds.");
        }

        return registry.ChangeAsync(
            directory =>
            {
                if (directory.FindRole(accountId, name) is not null)
                {
                    throw new IamException(IamErrorCode.EntityAlreadyExists, $"Role with name {name} already exists.");
                }

                var boundary = permissionsBoundary is null ? null : PermissionsBoundaryService.RequirePolicy(directory, accountId, permissionsBoundary).Arn;
                var role = new IamRole(
                    accountId, name, IdentityIds.RoleId(), validPath, time.GetUtcNow(), trustPolicy, duration, description,
                    ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal), [])
                {
                    Tags = [.. tags ?? []],
                    PermissionsBoundary = boundary,
                };
                return new IdentityChange<IamRole>(
                    directory with { Roles = directory.Roles.Add(new EntityName(accountId, name), role) },
                    tx => tx.PutIdentity(IdentityRowCodec.ToRow(role)),
                    role);
            },
            cancellationToken);
    }

    public Task UpdateTrustPolicyAsync(string accountId, string name, string trustPolicy, CancellationToken cancellationToken)
    {
        PolicyValidation.Validate(trustPolicy, PolicyKind.Trust, PolicySizeLimits.Trust, "role trust policy");
        return registry.ChangeAsync(
            directory =>
            {
                var role = (directory.FindRole(accountId, name) ?? throw NoSuchRole(name)) with { TrustPolicy = trustPolicy };
                return new IdentityChange<bool>(
                    directory with { Roles = directory.Roles.SetItem(new EntityName(accountId, role.Name), role) },
                    tx => tx.PutIdentity(IdentityRowCodec.ToRow(role)),
                    true);
            },
            cancellationToken);
    }

    public Task DeleteAsync(string accountId, string name, CancellationToken cancellationToken) =>
        registry.ChangeAsync(
            directory =>
            {
                var role = directory.FindRole(accountId, name) ?? throw NoSuchRole(name);
                var conflict = role.InlinePolicies.Count > 0 ? "must delete policies first"
                    : role.AttachedPolicies.Count > 0 ? "must detach all policies first"
                    : null;
                if (conflict is not null)
                {
                    throw new IamException(IamErrorCode.DeleteConflict, "Cannot delete entity, " + conflict + ".");
                }

                return new IdentityChange<bool>(
                    directory with { Roles = directory.Roles.Remove(new EntityName(accountId, role.Name)) },
                    tx => tx.DeleteIdentity(accountId, Metadata.IdentityKind.Role, role.Name),
                    true);
            },
            cancellationToken);

    internal static IamException NoSuchRole(string name) =>
        new(IamErrorCode.NoSuchEntity, $"The role with name {name} cannot be found.");
}
