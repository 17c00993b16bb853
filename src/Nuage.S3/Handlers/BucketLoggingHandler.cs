using Nuage.S3.AccessLogging;
using Nuage.S3.Authorization;
using Nuage.S3.Http;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Xml;
using Nuage.Storage;
using Nuage.Storage.Buckets;

namespace Nuage.S3.Handlers;

/// <summary>
/// Get/PutBucketLogging (the ?logging subresource). The configuration is the bucket setting "logging", the
/// BucketLoggingStatus document as it was accepted; the S3 pipeline reads it (through <see cref="BucketView.Logging"/>)
/// to record each request, and the delivery worker writes the records into the target bucket (docs/access-logging.md).
/// </summary>
public sealed class BucketLoggingHandler(BucketViews views, IBucketService buckets, BucketSettingWriter settings)
{
    /// <summary>A configuration with a hundred grants fits well under this.</summary>
    private const long MaxDocumentBytes = 64 * 1024;

    /// <summary>"If logging is not enabled ... returns an empty BucketLoggingStatus element" (GetBucketLogging), with 200.</summary>
    public async Task GetAsync(S3RequestContext context, GetBucketLoggingOperation operation)
    {
        var bucket = await views.RequireAsync(operation.Bucket, context.Aborted);
        await S3XmlResponse.WriteAsync(context.Response, xml => BucketLoggingStatusDocument.Write(xml, bucket.Logging));
    }

    /// <summary>
    /// Turns logging on with a LoggingEnabled element (replacing any earlier configuration) or off with an empty
    /// BucketLoggingStatus ("To disable logging, you use an empty BucketLoggingStatus request element"); 200 with no body.
    /// </summary>
    public async Task PutAsync(S3RequestContext context, PutBucketLoggingOperation operation)
    {
        await views.RequireAsync(operation.Bucket, context.Aborted);
        var configuration = BucketLoggingStatusDocument.Parse(await S3XmlRequest.ReadAsync(context.Auth.Body, MaxDocumentBytes, context.Aborted));
        if (configuration is null)
        {
            await buckets.SetSettingAsync(operation.Bucket, BucketSettingNames.Logging, null, context.Aborted);
            context.Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status200OK;
            context.Response.ContentLength = 0;
            return;
        }

        var source = await buckets.GetBucketAsync(operation.Bucket, context.Aborted)
            ?? throw new StorageException(StorageErrorCode.NoSuchBucket, "The specified bucket does not exist.");
        var target = await buckets.GetBucketAsync(configuration.TargetBucket, context.Aborted);
        var targetView = target is null ? null : await views.GetAsync(target.Name, context.Aborted);
        if (AccessLogTargetRules.Check(source, target, targetView, configuration) is { } refusal)
        {
            throw refusal;
        }

        await settings.PutAsync(context, operation.Bucket, BucketSettingNames.Logging, BucketLoggingStatusDocument.ToStored(configuration));
    }
}
