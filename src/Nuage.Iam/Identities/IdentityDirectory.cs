using System.Collections.Immutable;

namespace Nuage.Iam.Identities;

/// <summary>
/// Every account, IAM entity and access key of the installation, as one immutable snapshot: requests read it
/// without locks or database round trips (credential look-up and policy gathering are on every request's path),
/// and each committed change publishes a new one, so a deleted user or a deactivated key stops working at once.
/// </summary>
public sealed record IdentityDirectory(
    ImmutableSortedDictionary<string, Account> Accounts,
    ImmutableSortedDictionary<EntityName, IamUser> Users,
    ImmutableSortedDictionary<EntityName, IamGroup> Groups,
    ImmutableSortedDictionary<EntityName, IamRole> Roles,
    ImmutableSortedDictionary<EntityName, ManagedPolicy> Policies,
    ImmutableSortedDictionary<string, AccessKey> AccessKeys)
{
    public static readonly IdentityDirectory Empty = new(
        ImmutableSortedDictionary.Create<string, Account>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<EntityName, IamUser>(),
        ImmutableSortedDictionary.Create<EntityName, IamGroup>(),
        ImmutableSortedDictionary.Create<EntityName, IamRole>(),
        ImmutableSortedDictionary.Create<EntityName, ManagedPolicy>(),
        ImmutableSortedDictionary.Create<string, AccessKey>(StringComparer.Ordinal));

    public Account? FindAccountByName(string name) => Accounts.Values.FirstOrDefault(a => a.Name == name);

    public IamUser? FindUser(string accountId, string name) => Users.GetValueOrDefault(new EntityName(accountId, name));

    public IamGroup? FindGroup(string accountId, string name) => Groups.GetValueOrDefault(new EntityName(accountId, name));

    public IamRole? FindRole(string accountId, string name) => Roles.GetValueOrDefault(new EntityName(accountId, name));

    /// <summary>A managed policy by its ARN; only policies of <paramref name="accountId"/> are visible to it.</summary>
    public ManagedPolicy? FindPolicy(string accountId, string arn) =>
        Policies.Values.FirstOrDefault(p => p.AccountId == accountId && p.Arn == arn);

    public IEnumerable<IamUser> UsersOf(string accountId) => Users.Values.Where(u => u.AccountId == accountId);

    public IEnumerable<IamGroup> GroupsOf(string accountId) => Groups.Values.Where(g => g.AccountId == accountId);

    public IEnumerable<IamRole> RolesOf(string accountId) => Roles.Values.Where(r => r.AccountId == accountId);

    public IEnumerable<ManagedPolicy> PoliciesOf(string accountId) => Policies.Values.Where(p => p.AccountId == accountId);

    public IEnumerable<AccessKey> KeysOf(string accountId, string? userName) =>
        AccessKeys.Values.Where(k => k.AccountId == accountId && k.UserName == userName);

    public IEnumerable<IamUser> MembersOf(string accountId, string groupName) =>
        UsersOf(accountId).Where(u => u.Groups.Contains(groupName));
}
