namespace Nuage.Storage.Encryption.Kms;

/// <summary>
/// The four ways S3 requests name a KMS key (x-amz-server-side-encryption-aws-kms-key-id, KMSMasterKeyID): a key
/// id, a key ARN, an alias name ("alias/..."), or an alias ARN ("Key identifiers (KeyId)", AWS KMS developer
/// guide). ARNs carry the key's account; a bare id or alias means the caller's own account.
/// </summary>
internal readonly record struct KmsKeyReference(string? AccountId, string? KeyId, string? Alias)
{
    public const string AliasPrefix = "alias/";

    public static KmsKeyReference? Parse(string text)
    {
        if (text.StartsWith(AliasPrefix, StringComparison.Ordinal))
        {
            return new(null, null, text);
        }

        if (Guid.TryParseExact(text, "D", out _))
        {
            return new(null, text.ToLowerInvariant(), null);
        }

        // arn:aws:kms:<region>:<account>:key/<id> or ...:alias/<name>
        var parts = text.Split(':', 6);
        if (parts is not ["arn", _, "kms", _, var account, var resource] || account.Length == 0)
        {
            return null;
        }

        if (resource.StartsWith("key/", StringComparison.Ordinal) && Guid.TryParseExact(resource[4..], "D", out _))
        {
            return new(account, resource[4..].ToLowerInvariant(), null);
        }

        return resource.StartsWith(AliasPrefix, StringComparison.Ordinal) ? new(account, null, resource) : null;
    }
}
