namespace Nuage.Metadata;

/// <summary>
/// An access key of an account's root user (<paramref name="UserName"/> null) or of an IAM user. The secret is
/// sealed by the IAM service (authenticated encryption with a key kept in the data directory); the store never
/// sees it in plain text.
/// </summary>
public sealed record AccessKeyRow(string AccessKeyId, string AccountId, string? UserName, byte[] SealedSecret, bool Active, DateTimeOffset CreatedAt);
