namespace Nuage.Integration.Tests.Access.Matrix;

/// <summary>The columns of the authorization matrix: the S3 core's operations, each one real request.</summary>
public enum MatrixOperation
{
    ListBuckets,
    CreateBucket,
    HeadBucket,
    GetBucketLocation,
    GetBucketVersioning,
    ListObjects,
    ListObjectsV2,
    ListMultipartUploads,
    PutObject,
    GetObject,
    HeadObject,
    CopyObject,
    DeleteObject,
    DeleteObjects,
    CreateMultipartUpload,
    UploadPart,
    CompleteMultipartUpload,
    AbortMultipartUpload,
    ListParts,
    UploadPartCopy,
    GetBucketPolicy,
    PutBucketPolicy,
    DeleteBucketPolicy,
    GetBucketAcl,
    GetObjectAcl,
    GetBucketOwnershipControls,
    GetPublicAccessBlock,
    DeleteBucket,
}
