using Nuage.Iam.Identities;

namespace Nuage.Iam.Management;

/// <summary>
/// Put/Delete{User,Role}PermissionsBoundary ("Permissions boundaries for IAM entities"): a boundary is one of the
/// account's managed policies, named by ARN; it caps what the entity's identity policies may grant
/// (<see cref="Policies.AccessEvaluator"/>). Setting one replaces the previous one.
/// </summary>
public sealed class PermissionsBoundaryService(IdentityRegistry registry)
{
    public Task PutAsync(PolicyHolderKind kind, string accountId, string name, string policyArn, CancellationToken cancellationToken) =>
        registry.ChangeAsync(
            directory =>
            {
                var policy = RequirePolicy(directory, accountId, policyArn);
                var entity = TaggableEntity.Find(directory, kind, accountId, name);
                return (entity with { PermissionsBoundary = policy.Arn }).Store(directory);
            },
            cancellationToken);

    /// <summary>Removes the boundary; removing it from an entity that has none changes nothing.</summary>
    public Task DeleteAsync(PolicyHolderKind kind, string accountId, string name, CancellationToken cancellationToken) =>
        registry.ChangeAsync(
            directory => (TaggableEntity.Find(directory, kind, accountId, name) with { PermissionsBoundary = null }).Store(directory),
            cancellationToken);

    /// <summary>The managed policy a boundary names: only the account's own (unknown: NoSuchEntity).</summary>
    internal static ManagedPolicy RequirePolicy(IdentityDirectory directory, string accountId, string policyArn) =>
        directory.FindPolicy(accountId, policyArn)
        ?? throw new IamException(IamErrorCode.NoSuchEntity, $"Policy {policyArn} does not exist or is not attachable.");

    /// <summary>How many users and roles use the policy as their boundary (PermissionsBoundaryUsageCount).</summary>
    public static int UsageCount(IdentityDirectory directory, ManagedPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(policy);
        return directory.UsersOf(policy.AccountId).Count(u => u.PermissionsBoundary == policy.Arn)
            + directory.RolesOf(policy.AccountId).Count(r => r.PermissionsBoundary == policy.Arn);
    }
}
