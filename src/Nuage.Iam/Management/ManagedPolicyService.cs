using System.Collections.Immutable;
using Nuage.Iam.Identities;
using Nuage.Iam.Policies;

namespace Nuage.Iam.Management;

/// <summary>
/// Customer managed policies and their versions (Create/Get/Delete/ListPolicies, Create/Get/Delete/List
/// PolicyVersion(s), SetDefaultPolicyVersion) and their attachment to users, groups and roles
/// (Attach/Detach*Policy, ListAttached*Policies, ListEntitiesForPolicy).
/// </summary>
public sealed class ManagedPolicyService(IdentityRegistry registry, TimeProvider time)
{
    public const int MaxNameLength = 128;

    /// <summary>IAM's quota of managed policies attached to one user, group or role.</summary>
    public const int MaxAttachedPerHolder = 10;

    public ManagedPolicy Get(string accountId, string arn) => registry.Current.FindPolicy(accountId, arn) ?? throw NoSuchPolicy(arn);

    public IReadOnlyList<ManagedPolicy> List(string accountId, string? pathPrefix, bool onlyAttached)
    {
        var directory = registry.Current;
        return [.. directory.PoliciesOf(accountId)
            .Where(p => pathPrefix is null || p.Path.StartsWith(pathPrefix, StringComparison.Ordinal))
            .Where(p => !onlyAttached || AttachmentCount(directory, p) > 0)];
    }

    public int AttachmentCount(ManagedPolicy policy) => AttachmentCount(registry.Current, policy);

    /// <summary>How many users and roles use the policy as their permissions boundary (GetPolicy's PermissionsBoundaryUsageCount).</summary>
    public int BoundaryUsageCount(ManagedPolicy policy) => PermissionsBoundaryService.UsageCount(registry.Current, policy);

    public Task<ManagedPolicy> CreateAsync(
        string accountId, string name, string? path, string document, string? description, CancellationToken cancellationToken)
    {
        IamNames.ValidateName(name, "policyName", MaxNameLength);
        var validPath = IamNames.ValidatePath(path);
        PolicyValidation.Validate(document, PolicyKind.Identity, PolicySizeLimits.Managed, "managed policy");
        return registry.ChangeAsync(
            directory =>
            {
                if (directory.Policies.ContainsKey(new EntityName(accountId, name)))
                {
                    throw new IamException(IamErrorCode.EntityAlreadyExists, $"A policy called {name} already exists. Duplicate names are not allowed.");
                }

                var now = time.GetUtcNow();
                var policy = new ManagedPolicy(accountId, name, IdentityIds.PolicyId(), validPath, now, description, "v1", [new PolicyVersion("v1", document, now)], 2);
                return Save(directory, policy, policy);
            },
            cancellationToken);
    }

    public Task DeleteAsync(string accountId, string arn, CancellationToken cancellationToken) =>
        registry.ChangeAsync(
            directory =>
            {
                var policy = directory.FindPolicy(accountId, arn) ?? throw NoSuchPolicy(arn);
                if (AttachmentCount(directory, policy) > 0)
                {
                    throw new IamException(IamErrorCode.DeleteConflict, "Cannot delete a policy attached to entities.");
                }

                // A boundary names the policy as an attachment does: deleting it would silently lift the cap.
                if (PermissionsBoundaryService.UsageCount(directory, policy) > 0)
                {
                    throw new IamException(IamErrorCode.DeleteConflict, "Cannot delete a policy used as a permissions boundary.");
                }

                if (policy.Versions.Count > 1)
                {
                    throw new IamException(IamErrorCode.DeleteConflict, "Cannot delete a policy with non-default versions; delete them first.");
                }

                return new IdentityChange<bool>(
                    directory with { Policies = directory.Policies.Remove(new EntityName(accountId, policy.Name)) },
                    tx => tx.DeleteIdentity(accountId, Metadata.IdentityKind.ManagedPolicy, policy.Name),
                    true);
            },
            cancellationToken);

    public PolicyVersion GetVersion(string accountId, string arn, string versionId) =>
        Get(accountId, arn).Versions.FirstOrDefault(v => v.VersionId == versionId)
        ?? throw new IamException(IamErrorCode.NoSuchEntity, $"Policy {arn} version {versionId} does not exist or is not attachable.");

    public Task<PolicyVersion> CreateVersionAsync(string accountId, string arn, string document, bool setAsDefault, CancellationToken cancellationToken)
    {
        PolicyValidation.Validate(document, PolicyKind.Identity, PolicySizeLimits.Managed, "managed policy");
        return registry.ChangeAsync(
            directory =>
            {
                var policy = directory.FindPolicy(accountId, arn) ?? throw NoSuchPolicy(arn);
                if (policy.Versions.Count >= ManagedPolicy.MaxVersions)
                {
                    throw new IamException(IamErrorCode.LimitExceeded, $"A managed policy can have up to {ManagedPolicy.MaxVersions} versions. Before you create a new version, you must delete an existing version.");
                }

                var version = new PolicyVersion("v" + policy.NextVersion, document, time.GetUtcNow());
                var updated = policy with
                {
                    Versions = policy.Versions.Add(version),
                    NextVersion = policy.NextVersion + 1,
                    DefaultVersionId = setAsDefault ? version.VersionId : policy.DefaultVersionId,
                };
                return Save(directory, updated, version);
            },
            cancellationToken);
    }

    public Task SetDefaultVersionAsync(string accountId, string arn, string versionId, CancellationToken cancellationToken) =>
        registry.ChangeAsync(
            directory =>
            {
                var policy = directory.FindPolicy(accountId, arn) ?? throw NoSuchPolicy(arn);
                if (policy.Versions.All(v => v.VersionId != versionId))
                {
                    throw new IamException(IamErrorCode.NoSuchEntity, $"Policy {arn} version {versionId} does not exist.");
                }

                return Save(directory, policy with { DefaultVersionId = versionId }, true);
            },
            cancellationToken);

    public Task DeleteVersionAsync(string accountId, string arn, string versionId, CancellationToken cancellationToken) =>
        registry.ChangeAsync(
            directory =>
            {
                var policy = directory.FindPolicy(accountId, arn) ?? throw NoSuchPolicy(arn);
                if (policy.DefaultVersionId == versionId)
                {
                    throw new IamException(IamErrorCode.DeleteConflict, "Cannot delete the default version of a policy.");
                }

                if (policy.Versions.All(v => v.VersionId != versionId))
                {
                    throw new IamException(IamErrorCode.NoSuchEntity, $"Policy {arn} version {versionId} does not exist.");
                }

                return Save(directory, policy with { Versions = policy.Versions.RemoveAll(v => v.VersionId == versionId) }, true);
            },
            cancellationToken);

    /// <summary>The users, groups and roles the policy is attached to.</summary>
    public IReadOnlyList<(PolicyHolderKind Kind, string Name)> Entities(string accountId, string arn)
    {
        var directory = registry.Current;
        var policy = directory.FindPolicy(accountId, arn) ?? throw NoSuchPolicy(arn);
        return [.. Holders(directory, policy)];
    }

    public IReadOnlyList<ManagedPolicy> AttachedTo(PolicyHolderKind kind, string accountId, string holderName)
    {
        var directory = registry.Current;
        return [.. PolicyHolder.Find(directory, kind, accountId, holderName).AttachedPolicies
            .Select(arn => directory.FindPolicy(accountId, arn)).OfType<ManagedPolicy>()];
    }

    public Task AttachAsync(PolicyHolderKind kind, string accountId, string holderName, string arn, CancellationToken cancellationToken) =>
        registry.ChangeAsync(
            directory =>
            {
                var policy = directory.FindPolicy(accountId, arn) ?? throw NoSuchPolicy(arn);
                var holder = PolicyHolder.Find(directory, kind, accountId, holderName);
                if (holder.AttachedPolicies.Contains(policy.Arn))
                {
                    return new IdentityChange<bool>(directory, _ => { }, true); // attaching twice changes nothing, as in IAM
                }

                if (holder.AttachedPolicies.Count >= MaxAttachedPerHolder)
                {
                    throw new IamException(IamErrorCode.LimitExceeded, $"Cannot exceed quota for PoliciesPer{kind}: {MaxAttachedPerHolder}");
                }

                var (next, row) = (holder with { AttachedPolicies = holder.AttachedPolicies.Add(policy.Arn) }).Store(directory);
                return new IdentityChange<bool>(next, tx => tx.PutIdentity(row), true);
            },
            cancellationToken);

    public Task DetachAsync(PolicyHolderKind kind, string accountId, string holderName, string arn, CancellationToken cancellationToken) =>
        registry.ChangeAsync(
            directory =>
            {
                var holder = PolicyHolder.Find(directory, kind, accountId, holderName);
                if (!holder.AttachedPolicies.Contains(arn))
                {
                    throw new IamException(IamErrorCode.NoSuchEntity, $"Policy {arn} was not found attached to {holder.Name}.");
                }

                var (next, row) = (holder with { AttachedPolicies = holder.AttachedPolicies.Remove(arn) }).Store(directory);
                return new IdentityChange<bool>(next, tx => tx.PutIdentity(row), true);
            },
            cancellationToken);

    private static IdentityChange<T> Save<T>(IdentityDirectory directory, ManagedPolicy policy, T result) =>
        new(directory with { Policies = directory.Policies.SetItem(new EntityName(policy.AccountId, policy.Name), policy) },
            tx => tx.PutIdentity(IdentityRowCodec.ToRow(policy)),
            result);

    private static int AttachmentCount(IdentityDirectory directory, ManagedPolicy policy) => Holders(directory, policy).Count();

    private static IEnumerable<(PolicyHolderKind, string)> Holders(IdentityDirectory directory, ManagedPolicy policy) =>
        directory.UsersOf(policy.AccountId).Where(u => u.AttachedPolicies.Contains(policy.Arn)).Select(u => (PolicyHolderKind.User, u.Name))
            .Concat(directory.GroupsOf(policy.AccountId).Where(g => g.AttachedPolicies.Contains(policy.Arn)).Select(g => (PolicyHolderKind.Group, g.Name)))
            .Concat(directory.RolesOf(policy.AccountId).Where(r => r.AttachedPolicies.Contains(policy.Arn)).Select(r => (PolicyHolderKind.Role, r.Name)));

    private static IamException NoSuchPolicy(string arn) =>
        new(IamErrorCode.NoSuchEntity, $"Policy {arn} does not exist or is not attachable.");
}
