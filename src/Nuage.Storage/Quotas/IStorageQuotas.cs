namespace Nuage.Storage.Quotas;

/// <summary>
/// Where storage learns an account's storage quota. Quotas are an account setting (the IAM service's); storage only
/// enforces them, so the composition root supplies this without storage seeing identities.
/// </summary>
public interface IStorageQuotas
{
    /// <summary>The bytes <paramref name="accountId"/> may store (every version of every bucket it owns); null for no limit.</summary>
    long? QuotaOf(string accountId);
}
