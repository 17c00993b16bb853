using Nuage.Admin.Http;
using Nuage.Storage.Buckets;

namespace Nuage.Admin.Handlers;

/// <summary>
/// What an account stores beside its quota (docs/accounts-and-access.md "Storage quotas"): the bytes a quota counts
/// (every version kept) in total and per bucket, with each bucket's current objects and bytes, so an operator sees
/// how close an account is to its limit and where its bytes are.
/// </summary>
public sealed class AccountUsageHandler(IBucketService buckets)
{
    public async Task<AdminResult> GetAsync(AdminCall call)
    {
        var usage = await buckets.GetAccountUsageAsync(call.Account.Id, call.Aborted).ConfigureAwait(false);
        return AdminResult.Ok(new
        {
            AccountId = call.Account.Id,
            call.Account.Settings.QuotaBytes,
            usage.StoredBytes,
            Buckets = usage.Buckets.Select(b => new { Name = b.Bucket, b.Objects, b.Bytes, b.StoredBytes }),
        });
    }
}
