using Nuage.S3.Authorization;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Xml;
using Nuage.Storage;
using Nuage.Storage.Buckets;
using Nuage.Storage.Notifications;

namespace Nuage.S3.Handlers;

/// <summary>
/// Get/PutBucketNotificationConfiguration (the ?notification subresource; docs/notifications.md). The configuration
/// lives in <see cref="BucketNotifications"/> (the bucket setting "notification"), where the commit path reads it to
/// write each matching event into the outbox with its change.
/// </summary>
public sealed class BucketNotificationHandler(BucketViews views, IBucketService buckets, BucketNotifications notifications)
{
    /// <summary>Many rules with long filters fit well under this.</summary>
    private const long MaxDocumentBytes = 256 * 1024;

    /// <summary>"Returns the notification configuration of a bucket"; an empty NotificationConfiguration when none is set.</summary>
    public async Task GetAsync(S3RequestContext context, GetBucketNotificationConfigurationOperation operation)
    {
        await views.RequireAsync(operation.Bucket, context.Aborted);
        await S3XmlResponse.WriteAsync(context.Response, xml => NotificationConfigurationDocument.Write(xml, notifications.Get(operation.Bucket)));
    }

    /// <summary>
    /// Replaces the configuration ("This action replaces the existing notification configuration"); an empty
    /// NotificationConfiguration turns notifications off. Every destination must be in this region and in the bucket
    /// owner's account: a bucket's events never go to another account. 200 with no body.
    /// </summary>
    public async Task PutAsync(S3RequestContext context, PutBucketNotificationConfigurationOperation operation)
    {
        await views.RequireAsync(operation.Bucket, context.Aborted);
        var configuration = NotificationConfigurationDocument.Parse(await S3XmlRequest.ReadAsync(context.Auth.Body, MaxDocumentBytes, context.Aborted));
        var bucket = await buckets.GetBucketAsync(operation.Bucket, context.Aborted)
            ?? throw new StorageException(StorageErrorCode.NoSuchBucket, "The specified bucket does not exist.");
        foreach (var rule in configuration.Rules)
        {
            var destination = EventDestination.Parse(rule.Destination, out _)!;
            if (destination.Region != bucket.Region || destination.Account != bucket.Owner)
            {
                throw new S3Exception(
                    S3Error.InvalidArgument,
                    "Unable to validate the following destination configurations: " + rule.Destination +
                    " is not in this bucket's region (" + bucket.Region + ") and its owner's account.");
            }
        }

        await notifications.SetAsync(operation.Bucket, bucket.Owner, configuration, context.Aborted);
        context.Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
    }
}
