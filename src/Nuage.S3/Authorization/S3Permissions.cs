using System.Globalization;
using Nuage.S3.Routing;
using Nuage.S3.Routing.Operations;

using Nuage.S3.Tagging;

namespace Nuage.S3.Authorization;

/// <summary>
/// What each S3 operation needs ("Policy actions for Amazon S3 API operations", "Actions, resources, and condition
/// keys for Amazon S3"): the one table the authorizer reads, from the typed operation alone. A copy needs read on
/// its source as well as write on its target; a request with a versionId needs the *Version action.
/// </summary>
public static class S3Permissions
{
    public static IReadOnlyList<S3Permission> For(S3Operation operation) => operation switch
    {
        ListBucketsOperation => [new("s3:ListAllMyBuckets", null, null)],
        CreateBucketOperation op => [new("s3:CreateBucket", op.Bucket, null, AclConditions(op.Acl))],
        HeadBucketOperation op => [new("s3:ListBucket", op.Bucket, null)],
        DeleteBucketOperation op => [new("s3:DeleteBucket", op.Bucket, null)],
        GetBucketLocationOperation op => [new("s3:GetBucketLocation", op.Bucket, null)],
        GetBucketVersioningOperation op => [new("s3:GetBucketVersioning", op.Bucket, null)],
        PutBucketVersioningOperation op => [new("s3:PutBucketVersioning", op.Bucket, null)],

        // Object Lock ("Actions, resources, and condition keys for Amazon S3"): the bucket configuration, and per
        // object the retention and the legal hold; x-amz-bypass-governance-retention also needs
        // s3:BypassGovernanceRetention ("Bypassing governance mode").
        // "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration" (Get/PutBucketLifecycleConfiguration);
        // DeleteBucketLifecycle needs s3:PutLifecycleConfiguration.
        GetBucketLifecycleConfigurationOperation op => [new("s3:GetLifecycleConfiguration", op.Bucket, null)],
        PutBucketLifecycleConfigurationOperation op => [new("s3:PutLifecycleConfiguration", op.Bucket, null)],
        DeleteBucketLifecycleOperation op => [new("s3:PutLifecycleConfiguration", op.Bucket, null)],
        GetObjectLockConfigurationOperation op => [new("s3:GetBucketObjectLockConfiguration", op.Bucket, null)],
        PutObjectLockConfigurationOperation op => [new("s3:PutBucketObjectLockConfiguration", op.Bucket, null)],
        GetObjectRetentionOperation op => [new("s3:GetObjectRetention", op.Bucket, op.Key, VersionConditions(op.VersionId))],
        PutObjectRetentionOperation op => op.BypassGovernance
            ? [new("s3:PutObjectRetention", op.Bucket, op.Key, VersionConditions(op.VersionId)), Bypass(op.Bucket, op.Key)]
            : [new("s3:PutObjectRetention", op.Bucket, op.Key, VersionConditions(op.VersionId))],
        GetObjectLegalHoldOperation op => [new("s3:GetObjectLegalHold", op.Bucket, op.Key, VersionConditions(op.VersionId))],
        PutObjectLegalHoldOperation op => [new("s3:PutObjectLegalHold", op.Bucket, op.Key, VersionConditions(op.VersionId))],

        // "You must have the s3:ListBucketVersions permission" (ListObjectVersions); the listing conditions apply
        // as for ListBucket.
        ListObjectVersionsOperation op => [new("s3:ListBucketVersions", op.Bucket, null, ListConditions(op.Prefix, op.Delimiter, op.MaxKeys))],
        ListObjectsOperation op => [new("s3:ListBucket", op.Bucket, null, ListConditions(op.Prefix, op.Delimiter, op.MaxKeys))],
        ListObjectsV2Operation op => [new("s3:ListBucket", op.Bucket, null, ListConditions(op.Prefix, op.Delimiter, op.MaxKeys))],
        ListMultipartUploadsOperation op => [new("s3:ListBucketMultipartUploads", op.Bucket, null)],

        // Each key of the document is authorized on its own by the handler, as S3 reports AccessDenied per key.
        DeleteObjectsOperation => [],

        // The key and the principal come in the form: the handler authorizes it as a PutObject once it has read them.
        PostObjectOperation => [],
        PutObjectOperation op => WithLock([new("s3:PutObject", op.Bucket, op.Key, WriteConditions(op.Acl, op.Tags, op.Encryption))], op.Bucket, op.Key, op.Lock),
        CopyObjectOperation op => WithLock(
            [Read(op.Source), Write(op.Bucket, op.Key, op.Source, op.DirectiveSent ? op.Directive : null, op.Acl, op.Encryption)], op.Bucket, op.Key, op.Lock),
        GetObjectOperation op => [Read(op.Bucket, op.Key, op.VersionId)],
        HeadObjectOperation op => [Read(op.Bucket, op.Key, op.VersionId)],

        // "If you do not pass a version ID in your request, you need the s3:GetObject and s3:GetObjectAttributes
        // permissions" (s3:GetObjectVersion and s3:GetObjectVersionAttributes with one).
        GetObjectAttributesOperation op => [Read(op.Bucket, op.Key, op.VersionId), op.VersionId is null
            ? new("s3:GetObjectAttributes", op.Bucket, op.Key)
            : new("s3:GetObjectVersionAttributes", op.Bucket, op.Key, Conditions("s3:versionid", op.VersionId))],
        DeleteObjectOperation op => ConditionalDelete(op.Bucket, op.Key, op.VersionId, op.IfMatch, op.BypassGovernance),
        CreateMultipartUploadOperation op => WithLock([new("s3:PutObject", op.Bucket, op.Key, WriteConditions(op.Acl, op.Tags, op.Encryption))], op.Bucket, op.Key, op.Lock),
        UploadPartOperation op => [new("s3:PutObject", op.Bucket, op.Key)],
        UploadPartCopyOperation op => [Read(op.Source), Write(op.Bucket, op.Key, op.Source, null, null)],
        CompleteMultipartUploadOperation op => [new("s3:PutObject", op.Bucket, op.Key)],
        AbortMultipartUploadOperation op => [new("s3:AbortMultipartUpload", op.Bucket, op.Key)],
        ListPartsOperation op => [new("s3:ListMultipartUploadParts", op.Bucket, op.Key)],
        GetBucketPolicyOperation op => [OwnerOnly("s3:GetBucketPolicy", op.Bucket) with { RootBypassesPolicy = true }],
        PutBucketPolicyOperation op => [OwnerOnly("s3:PutBucketPolicy", op.Bucket) with { RootBypassesPolicy = true }],
        DeleteBucketPolicyOperation op => [OwnerOnly("s3:DeleteBucketPolicy", op.Bucket) with { RootBypassesPolicy = true }],
        GetBucketPolicyStatusOperation op => [new("s3:GetBucketPolicyStatus", op.Bucket, null)],
        GetBucketAclOperation op => [new("s3:GetBucketAcl", op.Bucket, null)],
        PutBucketAclOperation op => [new("s3:PutBucketAcl", op.Bucket, null, AclConditions(op.Acl))],
        GetObjectAclOperation op => [op.VersionId is null
            ? new("s3:GetObjectAcl", op.Bucket, op.Key)
            : new("s3:GetObjectVersionAcl", op.Bucket, op.Key, Conditions("s3:versionid", op.VersionId))],
        PutObjectAclOperation op => [op.VersionId is null
            ? new("s3:PutObjectAcl", op.Bucket, op.Key, AclConditions(op.Acl))
            : new("s3:PutObjectVersionAcl", op.Bucket, op.Key, Conditions("s3:versionid", op.VersionId))],

        // "To use this operation, you must have permission to perform the s3:GetObjectTagging action ... To retrieve
        // tags of any other version, you need permission for the s3:GetObjectVersionTagging action" (GetObjectTagging),
        // and likewise s3:Put/DeleteObject(Version)Tagging (PutObjectTagging, DeleteObjectTagging).
        GetObjectTaggingOperation op => [Versioned("s3:GetObjectTagging", "s3:GetObjectVersionTagging", op.Bucket, op.Key, op.VersionId)],
        PutObjectTaggingOperation op => [Versioned("s3:PutObjectTagging", "s3:PutObjectVersionTagging", op.Bucket, op.Key, op.VersionId)],
        DeleteObjectTaggingOperation op => [Versioned("s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging", op.Bucket, op.Key, op.VersionId)],
        GetBucketOwnershipControlsOperation op => [OwnerOnly("s3:GetBucketOwnershipControls", op.Bucket)],
        PutBucketOwnershipControlsOperation op => [OwnerOnly("s3:PutBucketOwnershipControls", op.Bucket)],
        DeleteBucketOwnershipControlsOperation op => [OwnerOnly("s3:PutBucketOwnershipControls", op.Bucket)],
        GetPublicAccessBlockOperation op => [OwnerOnly("s3:GetBucketPublicAccessBlock", op.Bucket)],
        PutPublicAccessBlockOperation op => [OwnerOnly("s3:PutBucketPublicAccessBlock", op.Bucket)],
        DeletePublicAccessBlockOperation op => [OwnerOnly("s3:PutBucketPublicAccessBlock", op.Bucket)],

        // Not owner-account-only: "By default, the bucket owner has this permission and can grant it to others"
        // (PutBucketCors, GetBucketCors); DeleteBucketCors needs s3:PutBucketCORS ("DeleteBucketCors").
        GetBucketCorsOperation op => [new("s3:GetBucketCORS", op.Bucket, null)],
        PutBucketCorsOperation op => [new("s3:PutBucketCORS", op.Bucket, null)],
        DeleteBucketCorsOperation op => [new("s3:PutBucketCORS", op.Bucket, null)],

        // "By default, the bucket owner has this permission and can grant this permission to others"
        // (Get/PutBucketTagging); DeleteBucketTagging needs s3:PutBucketTagging ("DeleteBucketTagging").
        GetBucketTaggingOperation op => [new("s3:GetBucketTagging", op.Bucket, null)],
        PutBucketTaggingOperation op => [new("s3:PutBucketTagging", op.Bucket, null)],
        DeleteBucketTaggingOperation op => [new("s3:PutBucketTagging", op.Bucket, null)],

        // Get/PutBucketEncryption need s3:GetEncryptionConfiguration / s3:PutEncryptionConfiguration; so does
        // DeleteBucketEncryption the latter ("DeleteBucketEncryption", Permissions).
        GetBucketEncryptionOperation op => [new("s3:GetEncryptionConfiguration", op.Bucket, null)],
        PutBucketEncryptionOperation op => [new("s3:PutEncryptionConfiguration", op.Bucket, null)],
        DeleteBucketEncryptionOperation op => [new("s3:PutEncryptionConfiguration", op.Bucket, null)],

        // "You must have the s3:PutBucketLogging permission" (PutBucketLogging), s3:GetBucketLogging to read it; the
        // bucket owner has both and may grant them.
        GetBucketLoggingOperation op => [new("s3:GetBucketLogging", op.Bucket, null)],
        PutBucketLoggingOperation op => [new("s3:PutBucketLogging", op.Bucket, null)],
        // "s3:GetBucketNotification" / "s3:PutBucketNotification" (GetBucketNotificationConfiguration,
        // PutBucketNotificationConfiguration: "you must be the bucket owner or have the permission").
        GetBucketNotificationConfigurationOperation op => [new("s3:GetBucketNotification", op.Bucket, null)],
        PutBucketNotificationConfigurationOperation op => [new("s3:PutBucketNotification", op.Bucket, null)],
        // "s3:GetReplicationConfiguration" (GetBucketReplication), "s3:PutReplicationConfiguration" (PutBucketReplication,
        // and DeleteBucketReplication: "To use this operation, you must have permissions to perform the
        // s3:PutReplicationConfiguration action").
        GetBucketReplicationOperation op => [new("s3:GetReplicationConfiguration", op.Bucket, null)],
        PutBucketReplicationOperation op => [new("s3:PutReplicationConfiguration", op.Bucket, null)],
        DeleteBucketReplicationOperation op => [new("s3:PutReplicationConfiguration", op.Bucket, null)],

        // A preflight carries no credentials (a browser sends none on it: Fetch standard, "CORS-preflight request"),
        // so nothing could be granted to it; the bucket's CORS rules alone answer it ("Appendix: OPTIONS object").
        OptionsObjectOperation => [],
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation.Action, "No permission is defined for this operation."),
    };

    /// <summary>
    /// A delete with its condition: "To perform a conditional delete using the If-Match header with an ETag value, you
    /// must have s3:DeleteObject and s3:GetObject permissions" (an ETag answer tells what the object is); If-Match: *
    /// needs the delete permission only. Also used per key by DeleteObjects.
    /// </summary>
    public static S3Permission[] ConditionalDelete(string bucket, string key, string? versionId, string? ifMatch, bool bypassGovernance = false)
    {
        S3Permission[] needed = ifMatch is null || ifMatch.Trim() == "*"
            ? [Delete(bucket, key, versionId)]
            : [Delete(bucket, key, versionId), Read(bucket, key, null)];
        return bypassGovernance ? [.. needed, Bypass(bucket, key)] : needed;
    }

    /// <summary>A write's permissions plus s3:PutObjectRetention / s3:PutObjectLegalHold for the lock headers it sends.</summary>
    private static S3Permission[] WithLock(S3Permission[] write, string bucket, string key, RequestedLock? requested) => requested switch
    {
        null => write,
        { Retention: true, LegalHold: true } => [.. write, new("s3:PutObjectRetention", bucket, key), new("s3:PutObjectLegalHold", bucket, key)],
        { Retention: true } => [.. write, new("s3:PutObjectRetention", bucket, key)],
        _ => [.. write, new("s3:PutObjectLegalHold", bucket, key)],
    };

    private static S3Permission Bypass(string bucket, string key) => new("s3:BypassGovernanceRetention", bucket, key);

    private static Dictionary<string, string>? VersionConditions(string? versionId) =>
        versionId is null ? null : Conditions("s3:versionid", versionId);

    /// <summary>DeleteObject, or DeleteObjectVersion when a version is named; also used per key by DeleteObjects.</summary>
    public static S3Permission Delete(string bucket, string key, string? versionId) => versionId is null
        ? new("s3:DeleteObject", bucket, key)
        : new("s3:DeleteObjectVersion", bucket, key, Conditions("s3:versionid", versionId));

    private static S3Permission OwnerOnly(string action, string bucket) => new(action, bucket, null) { OwnerAccountOnly = true };

    private static S3Permission Read(string bucket, string key, string? versionId) => versionId is null
        ? new("s3:GetObject", bucket, key)
        : new("s3:GetObjectVersion", bucket, key, Conditions("s3:versionid", versionId));

    /// <summary>The current version's action, or the version action with s3:versionid when a version is named.</summary>
    private static S3Permission Versioned(string action, string versionAction, string bucket, string key, string? versionId) => versionId is null
        ? new(action, bucket, key)
        : new(versionAction, bucket, key, Conditions("s3:versionid", versionId));

    private static S3Permission Read(CopySource source) => Read(source.Bucket, source.Key, source.VersionId);

    private static S3Permission Write(
        string bucket, string key, CopySource source, MetadataDirective? directive, RequestAcl? acl, RequestEncryption? encryption = null)
    {
        var conditions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["s3:x-amz-copy-source"] = source.Bucket + "/" + source.Key,
        };
        if (acl?.Canned is { } canned)
        {
            conditions["s3:x-amz-acl"] = canned;
        }

        if (directive is { } d)
        {
            conditions["s3:x-amz-metadata-directive"] = d == MetadataDirective.Replace ? "REPLACE" : "COPY";
        }

        encryption?.AddTo(conditions);
        return new("s3:PutObject", bucket, key, conditions);
    }

    private static Dictionary<string, string> ListConditions(string prefix, string? delimiter, int maxKeys)
    {
        var conditions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["s3:prefix"] = prefix,
            ["s3:max-keys"] = maxKeys.ToString(CultureInfo.InvariantCulture),
        };
        if (delimiter is not null)
        {
            conditions["s3:delimiter"] = delimiter;
        }

        return conditions;
    }

    /// <summary>
    /// s3:x-amz-acl and, for each tag of x-amz-tagging, s3:RequestObjectTag/&lt;key&gt; = value ("Tagging and access
    /// control policies": a policy can require or refuse the tags a write gives the new object), and the
    /// encryption keys of <see cref="RequestEncryption"/>.
    /// </summary>
    private static Dictionary<string, string>? WriteConditions(RequestAcl? acl, TagSet? tags, RequestEncryption? encryption = null)
    {
        var conditions = AclConditions(acl);
        if (encryption is not null)
        {
            conditions = encryption.AddTo(conditions);
        }

        if (tags is null || tags.Count == 0)
        {
            return conditions;
        }

        conditions ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in tags.Tags)
        {
            conditions["s3:RequestObjectTag/" + key] = value;
        }

        return conditions;
    }

    /// <summary>s3:x-amz-acl, the condition key policies use to require (or refuse) a canned ACL on writes.</summary>
    private static Dictionary<string, string>? AclConditions(RequestAcl? acl) =>
        acl?.Canned is { } canned ? Conditions("s3:x-amz-acl", canned) : null;

    private static Dictionary<string, string> Conditions(string key, string value) =>
        new(StringComparer.OrdinalIgnoreCase) { [key] = value };
}
