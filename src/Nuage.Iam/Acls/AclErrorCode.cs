namespace Nuage.Iam.Acls;

/// <summary>
/// Why an ACL given by a client was refused. Each value names the S3 error code the front door answers with
/// (S3 API reference, "Error responses"), so the door's mapping is a one-to-one switch.
/// </summary>
public enum AclErrorCode
{
    /// <summary>S3 InvalidArgument: an unknown canned ACL, a malformed grant header, an id or group URI S3 does not know.</summary>
    InvalidArgument,

    /// <summary>S3 InvalidRequest: x-amz-acl and x-amz-grant-* on one request.</summary>
    InvalidRequest,

    /// <summary>S3 MalformedACLError: the ACL is well-formed text but not a valid ACL (e.g. more than 100 grants).</summary>
    MalformedAcl,

    /// <summary>S3 UnresolvableGrantByEmailAddress: a grantee named by e-mail address, which Nuage cannot resolve.</summary>
    UnresolvableGrantByEmailAddress,
}
