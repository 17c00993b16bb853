using System.Data.Common;
using Nuage.Iam.Acls;
using Nuage.Signing;
using Nuage.Storage;

namespace Nuage.S3.Errors;

/// <summary>
/// The single place where storage and signature outcomes become S3 errors. The switch is exhaustive over StorageErrorCode
/// (a new code without a mapping is a compile error under warnings-as-errors: CS8524 is not raised for enums,
/// so the unit test walks every value as well).
/// </summary>
public static class S3ErrorMapper
{
    public static S3Error Map(StorageErrorCode code) => code switch
    {
        StorageErrorCode.NoSuchBucket => S3Error.NoSuchBucket,
        StorageErrorCode.NoSuchKey => S3Error.NoSuchKey,
        StorageErrorCode.NoSuchVersion => S3Error.NoSuchVersion,
        StorageErrorCode.MethodNotAllowed => S3Error.MethodNotAllowed,
        StorageErrorCode.ObjectLocked => S3Error.AccessDenied,
        StorageErrorCode.NoSuchUpload => S3Error.NoSuchUpload,
        StorageErrorCode.BucketAlreadyExists => S3Error.BucketAlreadyExists,
        StorageErrorCode.BucketAlreadyOwnedByYou => S3Error.BucketAlreadyOwnedByYou,
        StorageErrorCode.BucketNotEmpty => S3Error.BucketNotEmpty,
        StorageErrorCode.InvalidBucketName => S3Error.InvalidBucketName,
        StorageErrorCode.IllegalLocationConstraint => S3Error.IllegalLocationConstraintException,
        StorageErrorCode.ServiceUnavailable => S3Error.ServiceUnavailable,
        StorageErrorCode.KeyTooLong => S3Error.KeyTooLongError,
        StorageErrorCode.InvalidKey => S3Error.InvalidArgument,
        StorageErrorCode.BadDigest => S3Error.BadDigest,
        StorageErrorCode.ChecksumMismatch => S3Error.InvalidChecksum,
        StorageErrorCode.IncompleteBody => S3Error.IncompleteBody,
        StorageErrorCode.EntityTooLarge => S3Error.EntityTooLarge,
        StorageErrorCode.EntityTooSmall => S3Error.EntityTooSmall,
        StorageErrorCode.InvalidPart => S3Error.InvalidPart,
        StorageErrorCode.InvalidPartOrder => S3Error.InvalidPartOrder,
        StorageErrorCode.InvalidRange => S3Error.InvalidRange,
        StorageErrorCode.PreconditionFailed => S3Error.PreconditionFailed,
        StorageErrorCode.NotModified => S3Error.NotModified,
        StorageErrorCode.InvalidArgument => S3Error.InvalidArgument,
        StorageErrorCode.InvalidRequest => S3Error.InvalidRequest,
        StorageErrorCode.WrongCustomerKey => S3Error.AccessDenied,
        StorageErrorCode.DataCorrupted => S3Error.InternalError,
        StorageErrorCode.KmsKeyNotFound => S3Error.KmsNotFound,
        StorageErrorCode.KmsKeyDisabled => S3Error.KmsDisabled,
        StorageErrorCode.QuotaExceeded => S3Error.QuotaExceeded,
        StorageErrorCode.AccountUnknown => S3Error.InvalidAccessKeyId,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Storage error without an S3 mapping."),
    };

    /// <summary>
    /// SlowDown for a failure that says nothing about the request and may pass by itself (issue 18): the metadata
    /// database is unreachable (a restart, a failover) or a write kept conflicting with other nodes' writes. The
    /// store reports both as a <see cref="DbException"/> whose <see cref="DbException.IsTransient"/> holds
    /// (Nuage.Metadata's MetadataUnavailableException and MetadataConflictException, which a front door may not
    /// name: docs/architecture.md rule 2). Null for any other failure.
    /// </summary>
    public static S3Error? MapTransient(Exception exception) =>
        exception is DbException { IsTransient: true } ? S3Error.SlowDown : null;

    /// <summary>
    /// Retry-After on every 503 (RFC 9110 §10.2.3), in seconds: a database restart or a failover takes a few
    /// seconds, and clients that honour it come back then rather than at once.
    /// </summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>
    /// The S3 error for an authentication failure: the codes, statuses and messages S3 answers with (a
    /// <see cref="SignatureException.Reason"/>, when set, replaces the message).
    /// </summary>
    // No catch-all arm, so a new SignatureErrorCode without a mapping fails the build (CS8509); CS8524 is about
    // values outside the enum's named members, which nothing in Nuage produces.
#pragma warning disable CS8524
    public static S3Error Map(SignatureErrorCode code) => code switch
    {
        SignatureErrorCode.SignatureDoesNotMatch => S3Error.SignatureDoesNotMatch,
        SignatureErrorCode.InvalidAccessKeyId => S3Error.InvalidAccessKeyId,
        SignatureErrorCode.ExpiredRequest => S3Error.ExpiredToken,
        SignatureErrorCode.NotYetValid => S3Error.AccessDenied,
        SignatureErrorCode.RequestTimeTooSkewed => S3Error.RequestTimeTooSkewed,
        SignatureErrorCode.AuthorizationHeaderMalformed => S3Error.AuthorizationHeaderMalformed,
        SignatureErrorCode.AuthorizationQueryParametersError => S3Error.AuthorizationQueryParametersError,
        SignatureErrorCode.InvalidArgument => S3Error.InvalidArgument,
        SignatureErrorCode.InvalidRequest => S3Error.InvalidRequest,
        SignatureErrorCode.AccessDenied => S3Error.AccessDenied,
        SignatureErrorCode.MissingSecurityToken => S3Error.AccessDenied,
        SignatureErrorCode.InvalidToken => S3Error.InvalidToken,
        SignatureErrorCode.ExpiredToken => S3Error.ExpiredSessionToken,
        SignatureErrorCode.XAmzContentSHA256Mismatch => S3Error.XAmzContentSHA256Mismatch,
        SignatureErrorCode.IncompleteBody => S3Error.IncompleteBody,
    };
#pragma warning restore CS8524

    /// <summary>The S3 error for a refused ACL (header, grant or document), as S3 names them.</summary>
#pragma warning disable CS8524
    public static S3Error Map(AclErrorCode code) => code switch
    {
        AclErrorCode.InvalidArgument => S3Error.InvalidArgument,
        AclErrorCode.InvalidRequest => S3Error.InvalidRequest,
        AclErrorCode.MalformedAcl => S3Error.MalformedACLError,
        AclErrorCode.UnresolvableGrantByEmailAddress => S3Error.UnresolvableGrantByEmailAddress,
    };
#pragma warning restore CS8524
}
