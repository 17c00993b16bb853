using Nuage.S3.Authorization;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Xml;
using Nuage.Storage.Buckets;

namespace Nuage.S3.Handlers;

/// <summary>
/// Get/Put/DeleteBucketEncryption: the bucket's default encryption, a bucket setting like CORS. Nuage stores
/// objects in the clear unless a request or this setting asks otherwise, so a bucket without one answers
/// ServerSideEncryptionConfigurationNotFoundError rather than claiming an AES256 default it does not apply
/// (docs/encryption.md explains the choice against AWS's SSE-S3-for-everything since January 2023).
/// </summary>
public sealed class BucketEncryptionHandler(BucketViews views, BucketSettingWriter settings, IBucketService buckets)
{
    private const long MaxDocumentBytes = 64 * 1024;

    public async Task GetAsync(S3RequestContext context, GetBucketEncryptionOperation operation)
    {
        await views.RequireAsync(operation.Bucket, context.Aborted);
        var access = await buckets.GetAccessAsync(operation.Bucket, context.Aborted);
        var setting = BucketEncryptionSetting.Parse(access?.Setting(BucketSettingNames.Encryption))
            ?? throw new S3Exception(S3Error.ServerSideEncryptionConfigurationNotFoundError);
        await S3XmlResponse.WriteAsync(context.Response, xml => ServerSideEncryptionConfigurationDocument.Write(xml, setting));
    }

    /// <summary>Replaces the default; 200 with no body (PutBucketEncryption).</summary>
    public async Task PutAsync(S3RequestContext context, PutBucketEncryptionOperation operation)
    {
        await views.RequireAsync(operation.Bucket, context.Aborted);
        var setting = ServerSideEncryptionConfigurationDocument.Parse(await S3XmlRequest.ReadAsync(context.Auth.Body, MaxDocumentBytes, context.Aborted));
        await settings.PutAsync(context, operation.Bucket, BucketSettingNames.Encryption, setting.ToSettingValue());
    }

    /// <summary>"Amazon S3 returns 204 No Content" (DeleteBucketEncryption): new objects are stored as sent again.</summary>
    public Task DeleteAsync(S3RequestContext context, DeleteBucketEncryptionOperation operation) =>
        settings.ClearAsync(context, operation.Bucket, BucketSettingNames.Encryption);
}
