using Nuage.Iam.Identities;
using Nuage.Storage.Quotas;

namespace Nuage.Host;

/// <summary>
/// Storage's view of the accounts' quotas (AccountSettings.QuotaBytes): read from the identity registry's current
/// snapshot, so a quota set through the admin API applies to the next write, with no cache to invalidate.
/// </summary>
internal sealed class AccountStorageQuotas(IdentityRegistry registry) : IStorageQuotas
{
    public long? QuotaOf(string accountId) => registry.Current.Accounts.GetValueOrDefault(accountId)?.Settings.QuotaBytes;
}
