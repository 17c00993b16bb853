using System.Data.Common;
using Nuage.Iam;
using Nuage.Signing;

namespace Nuage.IamApi.Errors;

/// <summary>
/// The one place that maps service and signature outcomes to the query APIs' errors. Neither switch has a
/// catch-all arm, so a new code without an IAM/STS error fails the build (CS8509); unit tests walk every value.
/// IAM and STS name signature failures differently from S3 ("Common Errors"): an unknown key or a bad session
/// token is InvalidClientTokenId, a malformed Authorization header IncompleteSignature.
/// </summary>
public static class QueryErrorMapper
{
#pragma warning disable CS8524 // values outside the named members: nothing in Nuage produces them
    public static QueryError Map(IamErrorCode code) => code switch
    {
        IamErrorCode.NoSuchEntity => QueryError.NoSuchEntity,
        IamErrorCode.EntityAlreadyExists => QueryError.EntityAlreadyExists,
        IamErrorCode.DeleteConflict => QueryError.DeleteConflict,
        IamErrorCode.LimitExceeded => QueryError.LimitExceeded,
        IamErrorCode.MalformedPolicyDocument => QueryError.MalformedPolicyDocument,
        IamErrorCode.InvalidInput => QueryError.InvalidInput,
        IamErrorCode.ValidationError => QueryError.ValidationError,
        IamErrorCode.AccessDenied => QueryError.AccessDenied,
        IamErrorCode.ServiceUnavailable => QueryError.ServiceUnavailable,
    };

    public static QueryError Map(SignatureErrorCode code) => code switch
    {
        SignatureErrorCode.SignatureDoesNotMatch => QueryError.SignatureDoesNotMatch,
        SignatureErrorCode.InvalidAccessKeyId => QueryError.InvalidClientTokenId,
        SignatureErrorCode.ExpiredRequest => QueryError.RequestExpired,
        SignatureErrorCode.NotYetValid => QueryError.RequestExpired,
        SignatureErrorCode.RequestTimeTooSkewed => QueryError.SignatureDoesNotMatch with { DefaultMessage = "Signature expired: the request time is too far from the server's time." },
        SignatureErrorCode.AuthorizationHeaderMalformed => QueryError.IncompleteSignature,
        SignatureErrorCode.AuthorizationQueryParametersError => QueryError.IncompleteSignature,
        SignatureErrorCode.InvalidArgument => QueryError.InvalidParameterValue,
        SignatureErrorCode.InvalidRequest => QueryError.InvalidRequest,
        SignatureErrorCode.AccessDenied => QueryError.AccessDenied,
        SignatureErrorCode.MissingSecurityToken => QueryError.InvalidClientTokenId,
        SignatureErrorCode.InvalidToken => QueryError.InvalidClientTokenId,
        SignatureErrorCode.ExpiredToken => QueryError.ExpiredToken,
        SignatureErrorCode.XAmzContentSHA256Mismatch => QueryError.SignatureDoesNotMatch,
        SignatureErrorCode.IncompleteBody => QueryError.InvalidRequest,
    };
#pragma warning restore CS8524

    /// <summary>
    /// ServiceUnavailable (503, one of IAM's and STS's "Common Errors") for a failure that may pass by itself: the
    /// metadata database is unreachable or a write kept conflicting (issue 18). The store reports both as a
    /// <see cref="DbException"/> whose <see cref="DbException.IsTransient"/> holds; this door may not name the
    /// store's own types (docs/architecture.md rule 2). Null for any other failure.
    /// </summary>
    public static QueryError? MapTransient(Exception exception) =>
        exception is DbException { IsTransient: true } ? QueryError.ServiceUnavailable : null;

    /// <summary>Retry-After on a 503 (RFC 9110 §10.2.3), in seconds: a database restart or failover takes a few.</summary>
    public const int RetryAfterSeconds = 1;
}
