namespace Nuage.Metadata;

/// <summary>Every account, IAM entity and access key, as read at once by the IAM service.</summary>
public sealed record IdentityRows(IReadOnlyList<AccountRow> Accounts, IReadOnlyList<IdentityRow> Entities, IReadOnlyList<AccessKeyRow> AccessKeys);
