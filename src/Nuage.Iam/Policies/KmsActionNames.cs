namespace Nuage.Iam.Policies;

/// <summary>
/// The AWS KMS actions a policy may name for Nuage's key store. S3 asks for kms:GenerateDataKey when it encrypts a
/// new object or upload under a customer managed key and kms:Decrypt when it reads one ("Using server-side encryption
/// with AWS KMS keys (SSE-KMS)", Permissions); the key administration names are accepted so that policies written
/// for AWS parse, though Nuage manages keys through its admin API.
/// </summary>
internal static class KmsActionNames
{
    public static readonly string[] All =
    [
        "CreateAlias", "CreateKey", "Decrypt", "DeleteAlias", "DescribeKey", "DisableKey", "DisableKeyRotation", "EnableKey",
        "EnableKeyRotation", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "GetKeyPolicy",
        "GetKeyRotationStatus", "ListAliases", "ListKeys", "ReEncryptFrom", "ReEncryptTo", "RotateKeyOnDemand", "UpdateKeyDescription",
    ];
}
