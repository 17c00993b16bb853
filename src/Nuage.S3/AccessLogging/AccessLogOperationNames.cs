using Nuage.S3.Routing;

namespace Nuage.S3.AccessLogging;

/// <summary>
/// The Operation field of the server access log: REST.HTTP_method.resource_type, with the names AWS writes for
/// each API ("Amazon S3 server access log format", Operation; the log samples and the operation list of "Logging
/// requests with server access logging"): REST.GET.OBJECT, REST.POST.UPLOADS, REST.GET.BUCKET for a listing, ...
/// A request refused before it was routed gets REST.{method}.BUCKET or REST.{method}.OBJECT.
/// </summary>
public static class AccessLogOperationNames
{
    /// <summary>One key of a multi-object delete (logged beside its REST.POST.MULTI_OBJECT_DELETE).</summary>
    public const string BatchDelete = "BATCH.DELETE.OBJECT";

    public static string For(S3Action? action, string method, bool hasKey) => action switch
    {
        S3Action.ListBuckets => "REST.GET.SERVICE",
        S3Action.CreateBucket => "REST.PUT.BUCKET",
        S3Action.HeadBucket => "REST.HEAD.BUCKET",
        S3Action.DeleteBucket => "REST.DELETE.BUCKET",
        S3Action.GetBucketLocation => "REST.GET.LOCATION",
        S3Action.GetBucketVersioning => "REST.GET.VERSIONING",
        S3Action.PutBucketVersioning => "REST.PUT.VERSIONING",
        S3Action.ListObjectVersions => "REST.GET.BUCKETVERSIONS",
        S3Action.GetObjectLockConfiguration => "REST.GET.OBJECT_LOCK_CONFIGURATION",
        S3Action.PutObjectLockConfiguration => "REST.PUT.OBJECT_LOCK_CONFIGURATION",
        S3Action.GetObjectRetention => "REST.GET.RETENTION",
        S3Action.PutObjectRetention => "REST.PUT.RETENTION",
        S3Action.GetObjectLegalHold => "REST.GET.LEGAL_HOLD",
        S3Action.PutObjectLegalHold => "REST.PUT.LEGAL_HOLD",
        S3Action.GetBucketLifecycleConfiguration => "REST.GET.LIFECYCLE",
        S3Action.PutBucketLifecycleConfiguration => "REST.PUT.LIFECYCLE",
        S3Action.DeleteBucketLifecycle => "REST.DELETE.LIFECYCLE",
        S3Action.ListObjects or S3Action.ListObjectsV2 => "REST.GET.BUCKET",
        S3Action.ListMultipartUploads => "REST.GET.UPLOADS",
        S3Action.DeleteObjects => "REST.POST.MULTI_OBJECT_DELETE",
        S3Action.PutObject => "REST.PUT.OBJECT",
        S3Action.CopyObject => "REST.COPY.OBJECT",
        S3Action.GetObject => "REST.GET.OBJECT",
        S3Action.GetObjectAttributes => "REST.GET.OBJECT_ATTRIBUTES",
        S3Action.HeadObject => "REST.HEAD.OBJECT",
        S3Action.DeleteObject => "REST.DELETE.OBJECT",
        S3Action.CreateMultipartUpload => "REST.POST.UPLOADS",
        S3Action.UploadPart => "REST.PUT.PART",
        S3Action.UploadPartCopy => "REST.COPY.PART",
        S3Action.CompleteMultipartUpload => "REST.POST.UPLOAD",
        S3Action.AbortMultipartUpload => "REST.DELETE.UPLOAD",
        S3Action.ListParts => "REST.GET.UPLOAD",
        S3Action.GetBucketPolicy => "REST.GET.BUCKETPOLICY",
        S3Action.PutBucketPolicy => "REST.PUT.BUCKETPOLICY",
        S3Action.DeleteBucketPolicy => "REST.DELETE.BUCKETPOLICY",
        S3Action.GetBucketPolicyStatus => "REST.GET.POLICY_STATUS",
        S3Action.GetBucketAcl or S3Action.GetObjectAcl => "REST.GET.ACL",
        S3Action.PutBucketAcl or S3Action.PutObjectAcl => "REST.PUT.ACL",
        S3Action.GetBucketOwnershipControls => "REST.GET.OWNERSHIP_CONTROLS",
        S3Action.PutBucketOwnershipControls => "REST.PUT.OWNERSHIP_CONTROLS",
        S3Action.DeleteBucketOwnershipControls => "REST.DELETE.OWNERSHIP_CONTROLS",
        S3Action.GetPublicAccessBlock => "REST.GET.PUBLIC_ACCESS_BLOCK",
        S3Action.PutPublicAccessBlock => "REST.PUT.PUBLIC_ACCESS_BLOCK",
        S3Action.DeletePublicAccessBlock => "REST.DELETE.PUBLIC_ACCESS_BLOCK",
        S3Action.PostObject => "REST.POST.OBJECT",
        S3Action.GetBucketCors => "REST.GET.CORS",
        S3Action.PutBucketCors => "REST.PUT.CORS",
        S3Action.DeleteBucketCors => "REST.DELETE.CORS",
        S3Action.GetBucketTagging => "REST.GET.TAGGING",
        S3Action.PutBucketTagging => "REST.PUT.TAGGING",
        S3Action.DeleteBucketTagging => "REST.DELETE.TAGGING",
        S3Action.GetBucketEncryption => "REST.GET.ENCRYPTION",
        S3Action.PutBucketEncryption => "REST.PUT.ENCRYPTION",
        S3Action.DeleteBucketEncryption => "REST.DELETE.ENCRYPTION",
        S3Action.GetObjectTagging => "REST.GET.OBJECT_TAGGING",
        S3Action.PutObjectTagging => "REST.PUT.OBJECT_TAGGING",
        S3Action.DeleteObjectTagging => "REST.DELETE.OBJECT_TAGGING",
        S3Action.GetBucketLogging => "REST.GET.LOGGING_STATUS",
        S3Action.PutBucketLogging => "REST.PUT.LOGGING_STATUS",
        S3Action.GetBucketNotificationConfiguration => "REST.GET.NOTIFICATION",
        S3Action.PutBucketNotificationConfiguration => "REST.PUT.NOTIFICATION",
        S3Action.GetBucketReplication => "REST.GET.REPLICATION",
        S3Action.PutBucketReplication => "REST.PUT.REPLICATION",
        S3Action.DeleteBucketReplication => "REST.DELETE.REPLICATION",
        S3Action.OptionsObject => "REST.OPTIONS.PREFLIGHT",
        _ => "REST." + method.ToUpperInvariant() + (hasKey ? ".OBJECT" : ".BUCKET"),
    };
}
