using Nuage.S3.Authorization;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Xml;
using Nuage.Storage.Buckets;

namespace Nuage.S3.Handlers;

/// <summary>
/// Get/Put/DeleteBucketLifecycleConfiguration. The configuration is the bucket setting "lifecycle" in the storage
/// service's JSON form, read by the lifecycle worker (Nuage.Storage.Lifecycle) that applies it.
/// </summary>
public sealed class LifecycleHandler(BucketViews views, BucketSettingWriter settings)
{
    /// <summary>1000 rules with their filters fit well under this.</summary>
    private const long MaxDocumentBytes = 1024 * 1024;

    public async Task GetAsync(S3RequestContext context, GetBucketLifecycleConfigurationOperation operation)
    {
        var bucket = await views.RequireAsync(operation.Bucket, context.Aborted);
        var configuration = bucket.Lifecycle ?? throw new S3Exception(S3Error.NoSuchLifecycleConfiguration);
        await S3XmlResponse.WriteAsync(context.Response, xml => LifecycleConfigurationDocument.Write(xml, configuration));
    }

    /// <summary>"Creates a new lifecycle configuration for the bucket or replaces an existing one" (PutBucketLifecycleConfiguration).</summary>
    public async Task PutAsync(S3RequestContext context, PutBucketLifecycleConfigurationOperation operation)
    {
        await views.RequireAsync(operation.Bucket, context.Aborted);
        var configuration = LifecycleConfigurationDocument.Parse(await S3XmlRequest.ReadAsync(context.Auth.Body, MaxDocumentBytes, context.Aborted));
        await settings.PutAsync(context, operation.Bucket, BucketSettingNames.Lifecycle, configuration.ToJson());
    }

    public Task DeleteAsync(S3RequestContext context, DeleteBucketLifecycleOperation operation) =>
        settings.ClearAsync(context, operation.Bucket, BucketSettingNames.Lifecycle);
}
