using Microsoft.AspNetCore.Http;
using Nuage.S3.Authorization;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.Storage.Buckets;
using Nuage.Storage.Encryption;
using Nuage.Storage.Encryption.Kms;

namespace Nuage.S3.Handlers;

/// <summary>
/// The encryption a write gets: what its headers ask for, else the bucket's default encryption (AWS "Setting
/// default server-side encryption behavior for Amazon S3 buckets": it applies to new objects sent without
/// encryption headers). The bucket's settings come from the storage cache, so this costs no metadata read. For
/// SSE-KMS the key is looked up in the caller's account (the aws/s3 key when none is named), the caller's right to
/// use it checked (kms:GenerateDataKey), and the encryption context completed with S3's aws:s3:arn pair: the
/// object's ARN, or the bucket's with an S3 Bucket Key ("Encryption context", Amazon S3 user guide); that pair is
/// S3's to set and replaces one the caller sends.
/// </summary>
public sealed class DefaultEncryption(IBucketService buckets, KmsKeyRing kmsKeys, KmsKeyAccess kmsAccess)
{
    private const string ArnContextKey = "aws:s3:arn";

    public async ValueTask<EncryptionRequest?> ForWriteAsync(S3RequestContext context, IHeaderDictionary headers, string bucket, string key)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(headers);
        var access = await buckets.GetAccessAsync(bucket, context.Aborted);
        var bucketDefault = BucketEncryptionSetting.Parse(access?.Setting(BucketSettingNames.Encryption))?.AsRequested();
        var requested = EncryptionHeaders.ForWrite(headers, bucketDefault);
        return requested?.Mode switch
        {
            null => null,
            ServerSideEncryption.CustomerKey => EncryptionRequest.Customer(requested.CustomerKey!),
            ServerSideEncryption.KmsKey => EncryptionRequest.KmsManaged(await ResolveKmsAsync(context, requested, bucket, key)),
            _ => EncryptionRequest.S3Managed,
        };
    }

    private async ValueTask<KmsWrite> ResolveKmsAsync(S3RequestContext context, RequestedEncryption requested, string bucket, string key)
    {
        var caller = context.Principal ?? throw new S3Exception(S3Error.AccessDenied, "SSE-KMS needs a signed request.");
        var kmsKey = await kmsKeys.ResolveForEncryptionAsync(caller.AccountId, requested.KmsKeyId, context.Aborted);
        await kmsAccess.RequireAsync(context, kmsKey, KmsKeyAccess.Encrypt);
        var pairs = new Dictionary<string, string>(requested.Context ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [ArnContextKey] = requested.BucketKeyEnabled ? $"arn:aws:s3:::{bucket}" : $"arn:aws:s3:::{bucket}/{key}",
        };
        return new KmsWrite(kmsKey, bucket, requested.BucketKeyEnabled, pairs);
    }
}
