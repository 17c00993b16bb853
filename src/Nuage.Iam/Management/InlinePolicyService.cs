using Nuage.Iam.Identities;
using Nuage.Iam.Policies;

namespace Nuage.Iam.Management;

/// <summary>Inline policies of users, groups and roles (Put/Get/Delete/List{User,Group,Role}Policy).</summary>
public sealed class InlinePolicyService(IdentityRegistry registry)
{
    public const int MaxPolicyNameLength = 128;

    public IReadOnlyList<string> List(PolicyHolderKind kind, string accountId, string holderName) =>
        [.. PolicyHolder.Find(registry.Current, kind, accountId, holderName).InlinePolicies.Keys];

    public string Get(PolicyHolderKind kind, string accountId, string holderName, string policyName) =>
        PolicyHolder.Find(registry.Current, kind, accountId, holderName).InlinePolicies.GetValueOrDefault(policyName)
        ?? throw NoSuchPolicy(kind, holderName, policyName);

    /// <summary>Creates or replaces the named inline policy after checking its grammar and the holder kind's size quota.</summary>
    public Task PutAsync(PolicyHolderKind kind, string accountId, string holderName, string policyName, string document, CancellationToken cancellationToken)
    {
        IamNames.ValidateName(policyName, "policyName", MaxPolicyNameLength);
        return registry.ChangeAsync(
            directory =>
            {
                var holder = PolicyHolder.Find(directory, kind, accountId, holderName);
                PolicyValidation.Validate(document, PolicyKind.Identity, holder.InlineSizeLimit, "inline policy");
                var (next, row) = (holder with { InlinePolicies = holder.InlinePolicies.SetItem(policyName, document) }).Store(directory);
                return new IdentityChange<bool>(next, tx => tx.PutIdentity(row), true);
            },
            cancellationToken);
    }

    public Task DeleteAsync(PolicyHolderKind kind, string accountId, string holderName, string policyName, CancellationToken cancellationToken) =>
        registry.ChangeAsync(
            directory =>
            {
                var holder = PolicyHolder.Find(directory, kind, accountId, holderName);
                if (!holder.InlinePolicies.ContainsKey(policyName))
                {
                    throw NoSuchPolicy(kind, holderName, policyName);
                }

                var (next, row) = (holder with { InlinePolicies = holder.InlinePolicies.Remove(policyName) }).Store(directory);
                return new IdentityChange<bool>(next, tx => tx.PutIdentity(row), true);
            },
            cancellationToken);

    private static IamException NoSuchPolicy(PolicyHolderKind kind, string holderName, string policyName) =>
        new(IamErrorCode.NoSuchEntity, $"The {kind.ToString().ToLowerInvariant()} policy with name {policyName} cannot be found for {holderName}.");
}
