using Nuage.Iam.Identities;

namespace Nuage.Iam.Management;

/// <summary>
/// Access keys of IAM users and of account root users: at most two each ("IAM object quotas"), the secret shown
/// only in the answer to their creation, Active or Inactive, deleted for good.
/// </summary>
public sealed class AccessKeyService(IdentityRegistry registry, TimeProvider time)
{
    /// <summary>Keys of the user (or of the account's root user when <paramref name="userName"/> is null).</summary>
    public IReadOnlyList<AccessKey> List(string accountId, string? userName)
    {
        var directory = registry.Current;
        RequireOwner(directory, accountId, userName);
        return [.. directory.KeysOf(accountId, CanonicalUserName(directory, accountId, userName))];
    }

    public Task<AccessKey> CreateAsync(string accountId, string? userName, CancellationToken cancellationToken) =>
        registry.ChangeAsync(
            directory =>
            {
                RequireOwner(directory, accountId, userName);
                var owner = CanonicalUserName(directory, accountId, userName);
                if (directory.KeysOf(accountId, owner).Count() >= AccessKey.MaxPerUser)
                {
                    throw new IamException(IamErrorCode.LimitExceeded, $"Cannot exceed quota for AccessKeysPerUser: {AccessKey.MaxPerUser}");
                }

                var key = NewKey(directory, accountId, owner, time.GetUtcNow());
                return new IdentityChange<AccessKey>(
                    directory with { AccessKeys = directory.AccessKeys.Add(key.AccessKeyId, key) },
                    tx => tx.InsertAccessKey(IdentityRowCodec.ToRow(key, registry.Sealer)),
                    key);
            },
            cancellationToken);

    public Task<AccessKey> SetActiveAsync(string accountId, string? userName, string accessKeyId, bool active, CancellationToken cancellationToken) =>
        registry.ChangeAsync(
            directory =>
            {
                var key = Find(directory, accountId, userName, accessKeyId) with { Active = active };
                return new IdentityChange<AccessKey>(
                    directory with { AccessKeys = directory.AccessKeys.SetItem(accessKeyId, key) },
                    tx => tx.SetAccessKeyActive(accessKeyId, active),
                    key);
            },
            cancellationToken);

    public Task DeleteAsync(string accountId, string? userName, string accessKeyId, CancellationToken cancellationToken) =>
        registry.ChangeAsync(
            directory =>
            {
                Find(directory, accountId, userName, accessKeyId);
                return new IdentityChange<bool>(
                    directory with { AccessKeys = directory.AccessKeys.Remove(accessKeyId) },
                    tx => tx.DeleteAccessKey(accessKeyId),
                    true);
            },
            cancellationToken);

    /// <summary>A new active key with a fresh id (AKIA...) and secret.</summary>
    internal static AccessKey NewKey(IdentityDirectory directory, string accountId, string? userName, DateTimeOffset now)
    {
        string id;
        do
        {
            id = IdentityIds.AccessKeyId();
        }
        while (directory.AccessKeys.ContainsKey(id));

        return new AccessKey(id, accountId, userName, true, now, IdentityIds.Secret());
    }

    private static AccessKey Find(IdentityDirectory directory, string accountId, string? userName, string accessKeyId)
    {
        RequireOwner(directory, accountId, userName);
        var owner = CanonicalUserName(directory, accountId, userName);
        var key = directory.AccessKeys.GetValueOrDefault(accessKeyId);
        if (key is null || key.AccountId != accountId || !string.Equals(key.UserName, owner, StringComparison.Ordinal))
        {
            throw new IamException(IamErrorCode.NoSuchEntity, $"The Access Key with id {accessKeyId} cannot be found.");
        }

        return key;
    }

    private static void RequireOwner(IdentityDirectory directory, string accountId, string? userName)
    {
        if (!directory.Accounts.ContainsKey(accountId))
        {
            throw new IamException(IamErrorCode.NoSuchEntity, $"The account {accountId} cannot be found.");
        }

        if (userName is not null && directory.FindUser(accountId, userName) is null)
        {
            throw new IamException(IamErrorCode.NoSuchEntity, $"The user with name {userName} cannot be found.");
        }
    }

    /// <summary>The user's name as stored (names are unique regardless of case, but keep their case).</summary>
    private static string? CanonicalUserName(IdentityDirectory directory, string accountId, string? userName) =>
        userName is null ? null : directory.FindUser(accountId, userName)!.Name;
}
