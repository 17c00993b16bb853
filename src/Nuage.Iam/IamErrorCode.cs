namespace Nuage.Iam;

/// <summary>
/// Outcomes of IAM operations that are the caller's to fix, named as IAM's error codes ("Common Errors" and each
/// action's Errors in the IAM API reference). Each front door maps them: IAM's XML, the admin API's JSON.
/// </summary>
public enum IamErrorCode
{
    /// <summary>404: the named user, group, role, policy, key or account does not exist.</summary>
    NoSuchEntity,

    /// <summary>409: an entity of that name exists already.</summary>
    EntityAlreadyExists,

    /// <summary>409: the entity still has subordinates (keys, policies, members, buckets) and cannot be deleted.</summary>
    DeleteConflict,

    /// <summary>409: a quota was reached (two access keys per user, five policy versions, ...).</summary>
    LimitExceeded,

    /// <summary>400: the policy document is not valid JSON or not a valid policy.</summary>
    MalformedPolicyDocument,

    /// <summary>400: a parameter has a bad value (name syntax, path, length).</summary>
    InvalidInput,

    /// <summary>400: a required parameter is missing or out of range (IAM's ValidationError).</summary>
    ValidationError,

    /// <summary>403: the caller may not perform this operation.</summary>
    AccessDenied,

    /// <summary>
    /// The change must be made by the federation's control region, which cannot be reached now (IAM's common error
    /// ServiceUnavailable, 503).
    /// </summary>
    ServiceUnavailable,
}
