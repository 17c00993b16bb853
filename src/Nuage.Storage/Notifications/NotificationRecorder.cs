using Nuage.Metadata;

namespace Nuage.Storage.Notifications;

/// <summary>
/// Called by every writer of object rows right after <see cref="Commits.ObjectCommitPath"/>, inside the same unit of
/// work: for each rule of the bucket that asks for the event, an outbox row with the event's JSON, so the event is
/// committed with its change or not at all (issue 16: "each event sent after its commit and retried until
/// delivered"). A bucket without notifications costs one dictionary lookup.
/// </summary>
public sealed class NotificationRecorder(StorageOptions options, BucketNotifications notifications, EventDispatcherSignal signal)
{
    public void Record(IMetadataTransaction tx, string bucket, string bucketOwner, string eventName, ObjectRow version)
    {
        if (!notifications.TryGet(bucket, bucketOwner, out var configuration))
        {
            return;
        }

        bool any = false;
        foreach (var rule in configuration.Matching(eventName, version.Key))
        {
            // principalId: the account that wrote the version (a removal: the bucket owner); S3 names the requesting
            // IAM principal, which the commit path does not carry (docs/notifications.md).
            string principal = eventName.StartsWith("ObjectCreated:", StringComparison.Ordinal) ? version.Owner : bucketOwner;
            tx.AddOutboxEntry(rule.Destination, S3EventMessage.Build(options.Region, eventName, rule.Id, bucket, bucketOwner, principal, version));
            any = true;
        }

        if (any)
        {
            signal.Raise();
        }
    }
}
