using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.Storage.Encryption.Kms;

namespace Nuage.S3.Authorization;

/// <summary>
/// Whether the caller may have S3 use a KMS key on its behalf: kms:GenerateDataKey to encrypt a new object or upload,
/// kms:Decrypt to read one ("Using server-side encryption with AWS KMS keys (SSE-KMS)", Permissions). Nuage's keys
/// have no key policies: a key serves only principals of its own account; the account's root user may use every key
/// of it, its users and role sessions where their identity policies allow the action on the key's ARN, and the
/// default key (aws/s3) serves every principal of the account, as the AWS managed key's policy allows use through S3.
/// Anonymous requests never use a key. A refusal is 403 AccessDenied, as S3 answers it.
/// </summary>
public sealed class KmsKeyAccess(S3Authorizer authorizer, KmsKeyRing keys)
{
    public const string Encrypt = "kms:GenerateDataKey";
    public const string Decrypt = "kms:Decrypt";

    public async ValueTask RequireAsync(S3RequestContext context, KmsKey key, string action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(key);
        var caller = context.Principal;
        bool allowed = caller is not null && caller.AccountId == key.AccountId
            && (key.AwsManaged || caller.IsRoot || await authorizer.IdentityAllowsAsync(context, action, key.Arn, key.AccountId));
        if (!allowed)
        {
            throw new S3Exception(S3Error.AccessDenied, $"The caller is not authorized to perform {action} on {key.Arn}.");
        }
    }

    /// <summary>kms:Decrypt on the key an SSE-KMS object or upload names; nothing for anything else.</summary>
    public ValueTask RequireDecryptAsync(S3RequestContext context, KmsEncryptionInfo? kms)
    {
        if (kms is null)
        {
            return ValueTask.CompletedTask;
        }

        var key = keys.FindByArn(kms.KeyArn) ?? throw new S3Exception(S3Error.AccessDenied, $"The caller is not authorized to perform {Decrypt} on {kms.KeyArn}.");
        return RequireAsync(context, key, Decrypt);
    }
}
