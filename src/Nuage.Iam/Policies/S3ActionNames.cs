namespace Nuage.Iam.Policies;

/// <summary>
/// S3's IAM action names, from the Service Authorization Reference, "Actions defined by Amazon S3". A policy naming
/// an s3 action outside this table is malformed, as S3's PutBucketPolicy answers "Policy has invalid action".
/// The S3 Control actions (access points, batch jobs, Storage Lens, access grants) are listed too because AWS
/// accepts them in the same "s3:" namespace.
/// </summary>
internal static class S3ActionNames
{
    public static readonly string[] All =
    [
        "AbortMultipartUpload", "AssociateAccessGrantsIdentityCenter", "BypassGovernanceRetention",
        "CreateAccessGrant", "CreateAccessGrantsInstance", "CreateAccessGrantsLocation", "CreateAccessPoint",
        "CreateAccessPointForObjectLambda", "CreateBucket", "CreateBucketMetadataTableConfiguration", "CreateJob",
        "CreateMultiRegionAccessPoint", "CreateStorageLensGroup",
        "DeleteAccessGrant", "DeleteAccessGrantsInstance", "DeleteAccessGrantsInstanceResourcePolicy",
        "DeleteAccessGrantsLocation", "DeleteAccessPoint", "DeleteAccessPointForObjectLambda",
        "DeleteAccessPointPolicy", "DeleteAccessPointPolicyForObjectLambda", "DeleteBucket",
        "DeleteBucketMetadataTableConfiguration", "DeleteBucketOwnershipControls", "DeleteBucketPolicy",
        "DeleteBucketWebsite", "DeleteJobTagging", "DeleteMultiRegionAccessPoint", "DeleteObject",
        "DeleteObjectTagging", "DeleteObjectVersion", "DeleteObjectVersionTagging",
        "DeleteStorageLensConfiguration", "DeleteStorageLensConfigurationTagging", "DeleteStorageLensGroup",
        "DescribeJob", "DescribeMultiRegionAccessPointOperation", "DissociateAccessGrantsIdentityCenter",
        "GetAccelerateConfiguration", "GetAccessGrant", "GetAccessGrantsInstance",
        "GetAccessGrantsInstanceForPrefix", "GetAccessGrantsInstanceResourcePolicy", "GetAccessGrantsLocation",
        "GetAccessPoint", "GetAccessPointConfigurationForObjectLambda", "GetAccessPointForObjectLambda",
        "GetAccessPointPolicy", "GetAccessPointPolicyForObjectLambda", "GetAccessPointPolicyStatus",
        "GetAccessPointPolicyStatusForObjectLambda", "GetAccountPublicAccessBlock", "GetAnalyticsConfiguration",
        "GetBucketAcl", "GetBucketCORS", "GetBucketLocation", "GetBucketLogging",
        "GetBucketMetadataTableConfiguration", "GetBucketNotification", "GetBucketObjectLockConfiguration",
        "GetBucketOwnershipControls", "GetBucketPolicy", "GetBucketPolicyStatus", "GetBucketPublicAccessBlock",
        "GetBucketRequestPayment", "GetBucketTagging", "GetBucketVersioning", "GetBucketWebsite",
        "GetDataAccess", "GetEncryptionConfiguration", "GetIntelligentTieringConfiguration",
        "GetInventoryConfiguration", "GetJobTagging", "GetLifecycleConfiguration", "GetMetricsConfiguration",
        "GetMultiRegionAccessPoint", "GetMultiRegionAccessPointPolicy", "GetMultiRegionAccessPointPolicyStatus",
        "GetMultiRegionAccessPointRoutes", "GetObject", "GetObjectAcl", "GetObjectAttributes",
        "GetObjectLegalHold", "GetObjectRetention", "GetObjectTagging", "GetObjectTorrent", "GetObjectVersion",
        "GetObjectVersionAcl", "GetObjectVersionAttributes", "GetObjectVersionForReplication",
        "GetObjectVersionTagging", "GetObjectVersionTorrent", "GetReplicationConfiguration",
        "GetStorageLensConfiguration", "GetStorageLensConfigurationTagging", "GetStorageLensDashboard",
        "GetStorageLensGroup", "InitiateReplication",
        "ListAccessGrants", "ListAccessGrantsInstances", "ListAccessGrantsLocations", "ListAccessPoints",
        "ListAccessPointsForObjectLambda", "ListAllMyBuckets", "ListBucket", "ListBucketMultipartUploads",
        "ListBucketVersions", "ListCallerAccessGrants", "ListJobs", "ListMultiRegionAccessPoints",
        "ListMultipartUploadParts", "ListStorageLensConfigurations", "ListStorageLensGroups",
        "ListTagsForResource", "ObjectOwnerOverrideToBucketOwner",
        "PutAccelerateConfiguration", "PutAccessGrantsInstanceResourcePolicy",
        "PutAccessPointConfigurationForObjectLambda", "PutAccessPointPolicy", "PutAccessPointPolicyForObjectLambda",
        "PutAccessPointPublicAccessBlock", "PutAccountPublicAccessBlock", "PutAnalyticsConfiguration",
        "PutBucketAcl", "PutBucketCORS", "PutBucketLogging", "PutBucketNotification",
        "PutBucketObjectLockConfiguration", "PutBucketOwnershipControls", "PutBucketPolicy",
        "PutBucketPublicAccessBlock", "PutBucketRequestPayment", "PutBucketTagging", "PutBucketVersioning",
        "PutBucketWebsite", "PutEncryptionConfiguration", "PutIntelligentTieringConfiguration",
        "PutInventoryConfiguration", "PutJobTagging", "PutLifecycleConfiguration", "PutMetricsConfiguration",
        "PutMultiRegionAccessPointPolicy", "PutObject", "PutObjectAcl", "PutObjectLegalHold",
        "PutObjectRetention", "PutObjectTagging", "PutObjectVersionAcl", "PutObjectVersionTagging",
        "PutReplicationConfiguration", "PutStorageLensConfiguration", "PutStorageLensConfigurationTagging",
        "ReplicateDelete", "ReplicateObject", "ReplicateTags", "RestoreObject",
        "SubmitMultiRegionAccessPointRoutes", "TagResource", "UntagResource", "UpdateAccessGrantsLocation",
        "UpdateJobPriority", "UpdateJobStatus", "UpdateStorageLensGroup",
    ];
}
