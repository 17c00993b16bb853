using System.Data.Common;
using Nuage.Iam;
using Nuage.Signing;

namespace Nuage.Admin.Errors;

/// <summary>
/// The one place where service and signature outcomes become admin API errors. Both switches are exhaustive with
/// no catch-all arm, and AdminErrorMapperTests walks every member, so a new code cannot reach the wire unmapped.
/// The codes keep their service names (NoSuchEntity, SignatureDoesNotMatch), which clients of IAM already know.
/// </summary>
public static class AdminErrorMapper
{
    // No catch-all arms: a new code without a mapping fails the build (CS8509). CS8524 concerns values outside the
    // enums' named members, which nothing in Nuage produces.
#pragma warning disable CS8524
    public static AdminError Map(IamErrorCode code) => code switch
    {
        IamErrorCode.NoSuchEntity => new(404, nameof(IamErrorCode.NoSuchEntity)),
        IamErrorCode.EntityAlreadyExists => new(409, nameof(IamErrorCode.EntityAlreadyExists)),
        IamErrorCode.DeleteConflict => new(409, nameof(IamErrorCode.DeleteConflict)),
        IamErrorCode.LimitExceeded => new(409, nameof(IamErrorCode.LimitExceeded)),
        IamErrorCode.MalformedPolicyDocument => new(400, nameof(IamErrorCode.MalformedPolicyDocument)),
        IamErrorCode.InvalidInput => new(400, nameof(IamErrorCode.InvalidInput)),
        IamErrorCode.ValidationError => new(400, nameof(IamErrorCode.ValidationError)),
        IamErrorCode.AccessDenied => new(403, nameof(IamErrorCode.AccessDenied)),
        IamErrorCode.ServiceUnavailable => new(503, nameof(IamErrorCode.ServiceUnavailable)),
    };

    /// <summary>
    /// Failures of who the caller is are 403, as in S3 and IAM; a request whose signing data cannot be read, or
    /// whose body is not what was signed, is the client's malformed request (400).
    /// </summary>
    public static AdminError Map(SignatureErrorCode code) => code switch
    {
        SignatureErrorCode.SignatureDoesNotMatch => new(403, nameof(SignatureErrorCode.SignatureDoesNotMatch)),
        SignatureErrorCode.InvalidAccessKeyId => new(403, nameof(SignatureErrorCode.InvalidAccessKeyId)),
        SignatureErrorCode.ExpiredRequest => new(403, nameof(SignatureErrorCode.ExpiredRequest)),
        SignatureErrorCode.NotYetValid => new(403, nameof(SignatureErrorCode.NotYetValid)),
        SignatureErrorCode.RequestTimeTooSkewed => new(403, nameof(SignatureErrorCode.RequestTimeTooSkewed)),
        SignatureErrorCode.AccessDenied => new(403, nameof(SignatureErrorCode.AccessDenied)),
        SignatureErrorCode.MissingSecurityToken => new(403, nameof(SignatureErrorCode.MissingSecurityToken)),
        SignatureErrorCode.InvalidToken => new(403, nameof(SignatureErrorCode.InvalidToken)),
        SignatureErrorCode.ExpiredToken => new(403, nameof(SignatureErrorCode.ExpiredToken)),
        SignatureErrorCode.AuthorizationHeaderMalformed => new(400, nameof(SignatureErrorCode.AuthorizationHeaderMalformed)),
        SignatureErrorCode.AuthorizationQueryParametersError => new(400, nameof(SignatureErrorCode.AuthorizationQueryParametersError)),
        SignatureErrorCode.InvalidArgument => new(400, nameof(SignatureErrorCode.InvalidArgument)),
        SignatureErrorCode.InvalidRequest => new(400, nameof(SignatureErrorCode.InvalidRequest)),
        SignatureErrorCode.XAmzContentSHA256Mismatch => new(400, nameof(SignatureErrorCode.XAmzContentSHA256Mismatch)),
        SignatureErrorCode.IncompleteBody => new(400, nameof(SignatureErrorCode.IncompleteBody)),
    };
#pragma warning restore CS8524

    /// <summary>
    /// ServiceUnavailable (503) for a failure that may pass by itself: the metadata database is unreachable or a write
    /// kept conflicting (issue 18). The store reports both as a <see cref="DbException"/> whose
    /// <see cref="DbException.IsTransient"/> holds; this door may not name the store's own types
    /// (docs/architecture.md rule 2). Null for any other failure.
    /// </summary>
    public static AdminError? MapTransient(Exception exception) =>
        exception is DbException { IsTransient: true } ? AdminError.ServiceUnavailable : null;
}
