namespace Nuage.Iam.Policies;

/// <summary>Where a policy document is attached; it decides which elements are required or forbidden.</summary>
/// <remarks>
/// AWS "IAM JSON policy element reference": Principal is required in resource-based policies (bucket policies)
/// and role trust policies and must not appear in identity-based or session policies; a trust policy names no
/// Resource because the role it is attached to is the resource.
/// </remarks>
public enum PolicyKind
{
    /// <summary>Attached to a user, group or role (inline or managed).</summary>
    Identity,

    /// <summary>Attached to a resource: a bucket policy.</summary>
    Resource,

    /// <summary>A role's trust (assume-role) policy.</summary>
    Trust,

    /// <summary>Passed to STS when a session is created; it can only narrow the role's permissions.</summary>
    Session,
}
