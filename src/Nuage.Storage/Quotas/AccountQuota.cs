namespace Nuage.Storage.Quotas;

/// <summary>The storage quota of the account that owns the bucket a write goes to.</summary>
internal readonly record struct AccountQuota(string AccountId, long LimitBytes);
