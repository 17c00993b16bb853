using Microsoft.AspNetCore.Http;
using Nuage.S3.Http;
using Nuage.Storage.Buckets;
using Nuage.Storage.Encryption;

namespace Nuage.S3.Handlers;

/// <summary>
/// The encryption a write gets: what its headers ask for, else the bucket's default encryption (AWS "Setting
/// default server-side encryption behavior for Amazon S3 buckets": it applies to new objects sent without
/// encryption headers). The bucket's settings come from the storage cache, so this costs no metadata read.
/// </summary>
public sealed class DefaultEncryption(IBucketService buckets)
{
    public async ValueTask<EncryptionRequest?> ForWriteAsync(IHeaderDictionary headers, string bucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var access = await buckets.GetAccessAsync(bucket, cancellationToken);
        var bucketDefault = access?.Setting(BucketSettingNames.Encryption) == EncryptionHeaders.Aes256 ? EncryptionRequest.S3Managed : null;
        return EncryptionHeaders.ForWrite(headers, bucketDefault);
    }
}
