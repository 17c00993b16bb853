using Nuage.Iam.Identities;

namespace Nuage.Iam.Management;

/// <summary>
/// Accounts, managed by the operator (admin API): create one (with its root user's first access key), read,
/// update its settings, delete it once it owns no bucket. The operator's own account always exists.
/// </summary>
public sealed class AccountService(IdentityRegistry registry, TimeProvider time)
{
    public IReadOnlyList<Account> List() => [.. registry.Current.Accounts.Values];

    /// <summary>An account by id or by name.</summary>
    public Account Get(string idOrName) =>
        registry.Current.Accounts.GetValueOrDefault(idOrName)
        ?? registry.Current.FindAccountByName(idOrName)
        ?? throw new IamException(IamErrorCode.NoSuchEntity, $"The account {idOrName} cannot be found.");

    /// <summary>Creates the account and an access key for its root user; the key's secret is returned only here.</summary>
    public Task<(Account Account, AccessKey RootKey)> CreateAsync(string name, AccountSettings? settings, CancellationToken cancellationToken)
    {
        IamNames.ValidateAccountName(name);
        return registry.ChangeAsync(
            directory =>
            {
                if (directory.FindAccountByName(name) is not null)
                {
                    throw new IamException(IamErrorCode.EntityAlreadyExists, $"An account named {name} already exists.");
                }

                string id;
                do
                {
                    id = IdentityIds.AccountId();
                }
                while (directory.Accounts.ContainsKey(id));

                var now = time.GetUtcNow();
                var account = new Account(id, name, now, settings ?? AccountSettings.Empty);
                var key = AccessKeyService.NewKey(directory, id, null, now);
                var next = directory with
                {
                    Accounts = directory.Accounts.Add(id, account),
                    AccessKeys = directory.AccessKeys.Add(key.AccessKeyId, key),
                };
                return new IdentityChange<(Account, AccessKey)>(
                    next,
                    tx =>
                    {
                        tx.PutAccount(IdentityRowCodec.ToRow(account));
                        tx.InsertAccessKey(IdentityRowCodec.ToRow(key, registry.Sealer));
                    },
                    (account, key));
            },
            cancellationToken);
    }

    public Task<Account> UpdateAsync(string idOrName, Func<AccountSettings, AccountSettings> update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var id = Get(idOrName).Id;
        return registry.ChangeAsync(
            directory =>
            {
                var account = directory.Accounts.GetValueOrDefault(id) ?? throw new IamException(IamErrorCode.NoSuchEntity, $"The account {idOrName} cannot be found.");
                var updated = account with { Settings = update(account.Settings) };
                return new IdentityChange<Account>(
                    directory with { Accounts = directory.Accounts.SetItem(id, updated) },
                    tx => tx.PutAccount(IdentityRowCodec.ToRow(updated)),
                    updated);
            },
            cancellationToken);
    }

    /// <summary>
    /// Deletes the account with every identity and key in it. Refused while it owns a bucket (its data would be
    /// orphaned) and for the operator's account.
    /// </summary>
    public Task DeleteAsync(string idOrName, CancellationToken cancellationToken)
    {
        var id = Get(idOrName).Id;
        if (id == RootCredentials.RootAccountId)
        {
            throw new IamException(IamErrorCode.DeleteConflict, "The operator's account cannot be deleted.");
        }

        return registry.ChangeAsync(
            directory =>
            {
                var next = directory with
                {
                    Accounts = directory.Accounts.Remove(id),
                    Users = directory.Users.RemoveRange(directory.UsersOf(id).Select(u => new EntityName(id, u.Name))),
                    Groups = directory.Groups.RemoveRange(directory.GroupsOf(id).Select(g => new EntityName(id, g.Name))),
                    Roles = directory.Roles.RemoveRange(directory.RolesOf(id).Select(r => new EntityName(id, r.Name))),
                    Policies = directory.Policies.RemoveRange(directory.PoliciesOf(id).Select(p => new EntityName(id, p.Name))),
                    AccessKeys = directory.AccessKeys.RemoveRange(directory.AccessKeys.Values.Where(k => k.AccountId == id).Select(k => k.AccessKeyId)),
                };
                return new IdentityChange<bool>(
                    next,
                    tx =>
                    {
                        if (tx.AccountOwnsBuckets(id))
                        {
                            throw new IamException(IamErrorCode.DeleteConflict, $"The account {idOrName} still owns buckets; delete them first.");
                        }

                        tx.DeleteAccount(id);
                    },
                    true);
            },
            cancellationToken);
    }
}
