using Nuage.Storage.Encryption.Kms;

namespace Nuage.Admin.Json;

/// <summary>An SSE-KMS key as the admin API shows it (never its material).</summary>
public sealed record KmsKeyDocument(
    string KeyId, string Arn, string? Alias, string Description, bool Enabled, bool AwsManaged,
    DateTimeOffset CreatedAt, int MaterialVersions, DateTimeOffset? LastRotatedAt)
{
    public static KmsKeyDocument From(KmsKey key) =>
        new(key.KeyId, key.Arn, key.Alias, key.Description, key.Enabled, key.AwsManaged, key.CreatedAt, key.MaterialVersions, key.LastRotatedAt);
}
