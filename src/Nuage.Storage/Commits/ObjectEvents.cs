using Nuage.Storage.Notifications;

namespace Nuage.Storage.Commits;

/// <summary>
/// What <see cref="ObjectCommitPath"/> needs to record a change's event in the change's own transaction: the
/// recorder, the bucket's owner, and the S3 event name of a creation (Put, Post, Copy, CompleteMultipartUpload).
/// </summary>
internal readonly record struct ObjectEvents(NotificationRecorder Recorder, string BucketOwner, string CreatedEventName = ObjectEventName.Put);
