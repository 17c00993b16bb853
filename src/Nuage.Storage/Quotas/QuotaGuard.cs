namespace Nuage.Storage.Quotas;

using Nuage.Metadata;
using Nuage.Storage.Internal;

/// <summary>
/// Enforces account storage quotas (docs/accounts-and-access.md "Storage quotas"). A write is charged to the account
/// that owns the bucket, and usage is what the store's usage rows count (stored_bytes: every version kept), summed
/// over the account's buckets. Two checks, as Ceph RGW makes them: before the body is read, when its length is
/// known, so a write that cannot fit is refused without streaming it; and inside the commit's unit of work, which
/// decides (concurrent writers of one account are ordered by the writer, so they cannot overshoot together).
/// Parts of unfinished multipart uploads are not usage; a part is refused when it alone would not fit, and the
/// completion is charged in full.
/// </summary>
internal sealed class QuotaGuard(IMetadataStore metadata, IStorageQuotas? quotas)
{
    /// <summary>The quota of <paramref name="owner"/>, or null when it has none (then nothing is checked).</summary>
    public AccountQuota? For(string owner) =>
        quotas?.QuotaOf(owner) is { } limit ? new AccountQuota(owner, limit) : null;

    /// <summary>Refuses a write of <paramref name="incomingBytes"/> (when known) that cannot fit in the owner's quota.</summary>
    public async ValueTask CheckBeforeBodyAsync(string owner, long? incomingBytes, CancellationToken cancellationToken)
    {
        if (incomingBytes is not { } incoming || For(owner) is not { } quota)
        {
            return;
        }

        var stored = await metadata.GetAccountStoredBytesAsync(owner, cancellationToken).ConfigureAwait(false);
        if (stored + incoming > quota.LimitBytes)
        {
            throw Errors.QuotaExceeded(quota);
        }
    }

    /// <summary>
    /// Inside a unit of work, after its change: refused when the change left the account above its quota and grew
    /// its usage. A write that shrinks usage (an overwrite by a smaller object) is allowed even over the quota, so an
    /// account put over it by a lowered quota can still make room.
    /// </summary>
    public static void CheckAfterChange(IMetadataTransaction tx, AccountQuota? quota, long storedBefore)
    {
        if (quota is not { } q)
        {
            return;
        }

        var after = tx.AccountStoredBytes(q.AccountId);
        if (after > q.LimitBytes && after > storedBefore)
        {
            throw Errors.QuotaExceeded(q);
        }
    }

    /// <summary>Inside a unit of work that adds <paramref name="bytes"/> outside usage (a part): refused when they cannot fit.</summary>
    public static void CheckAdding(IMetadataTransaction tx, AccountQuota? quota, long bytes)
    {
        if (quota is { } q && tx.AccountStoredBytes(q.AccountId) + bytes > q.LimitBytes)
        {
            throw Errors.QuotaExceeded(q);
        }
    }
}
