namespace Nuage.Storage;

/// <summary>
/// Every outcome of a storage call that is not success. The S3 front door maps each one to an AWS error code
/// and status in one exhaustive switch (S3ErrorMapper), so adding a member here fails the build until it is mapped.
/// </summary>
public enum StorageErrorCode
{
    NoSuchBucket,
    NoSuchKey,
    NoSuchVersion,
    NoSuchUpload,
    BucketAlreadyExists,
    BucketAlreadyOwnedByYou,
    BucketNotEmpty,
    InvalidBucketName,
    /// <summary>LocationConstraint names another region than this one.</summary>
    IllegalLocationConstraint,
    /// <summary>A service this request needs is out of reach now (the federation's control region, for a new bucket name).</summary>
    ServiceUnavailable,
    KeyTooLong,
    InvalidKey,
    /// <summary>Content-MD5 does not match the body.</summary>
    BadDigest,
    /// <summary>An x-amz-checksum-* value does not match the body.</summary>
    ChecksumMismatch,
    /// <summary>The body ended before Content-Length bytes arrived.</summary>
    IncompleteBody,
    EntityTooLarge,
    EntityTooSmall,
    InvalidPart,
    InvalidPartOrder,
    InvalidRange,
    PreconditionFailed,
    NotModified,
    InvalidArgument,
    InvalidRequest,
    /// <summary>The version is protected by Object Lock (retention or legal hold): S3 answers 403 AccessDenied.</summary>
    ObjectLocked,
    /// <summary>A read or update names a delete marker by its version id (405).</summary>
    MethodNotAllowed,

    /// <summary>An SSE-C key that is not the one the object (or upload) was encrypted with.</summary>
    WrongCustomerKey,
    /// <summary>An SSE-KMS key id, ARN or alias that names no key of the caller's account (S3: 400 KMS.NotFoundException).</summary>
    KmsKeyNotFound,
    /// <summary>The SSE-KMS key is disabled: nothing is encrypted or decrypted under it (S3: 400 KMS.DisabledException).</summary>
    KmsKeyDisabled,
    /// <summary>The write would take the bucket owner's account over its storage quota.</summary>
    QuotaExceeded,
    /// <summary>A stored blob failed its checksum on read: never serve the bytes.</summary>
    DataCorrupted,
    /// <summary>
    /// The caller's account was deleted after its request was authenticated (a region's copy of the accounts is a
    /// moment behind the control region's): S3 answers 403 InvalidAccessKeyId, as for a key it does not know.
    /// </summary>
    AccountUnknown,
}
