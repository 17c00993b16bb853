namespace Nuage.Iam.Acls;

/// <summary>
/// The S3 names of <see cref="ObjectOwnership"/> and what each setting decides ("Controlling ownership of objects
/// and disabling ACLs for your bucket"; "Troubleshooting" for the error codes).
/// </summary>
public static class ObjectOwnershipRules
{
    /// <summary>The setting's name in OwnershipControls and x-amz-object-ownership.</summary>
    public static string ToS3Name(ObjectOwnership ownership) => ownership switch
    {
        ObjectOwnership.BucketOwnerEnforced => "BucketOwnerEnforced",
        ObjectOwnership.BucketOwnerPreferred => "BucketOwnerPreferred",
        ObjectOwnership.ObjectWriter => "ObjectWriter",
        _ => throw new ArgumentOutOfRangeException(nameof(ownership), ownership, null),
    };

    /// <summary>Exact, case-sensitive match. A bad value is MalformedXML in a body and InvalidArgument in a header: the caller picks.</summary>
    public static bool TryParse(string? name, out ObjectOwnership ownership) =>
        WireNames.TryParse(name, ToS3Name, out ownership);

    /// <summary>Under BucketOwnerEnforced ACLs no longer affect permissions and Put*Acl is AccessControlListNotSupported.</summary>
    public static bool AclsEnabled(ObjectOwnership ownership) => ownership != ObjectOwnership.BucketOwnerEnforced;

    /// <summary>
    /// Who owns an object <paramref name="writerAccountId"/> writes. BucketOwnerEnforced: the bucket owner.
    /// BucketOwnerPreferred: the bucket owner when the write carries the bucket-owner-full-control canned ACL.
    /// ObjectWriter: the writer.
    /// </summary>
    public static string ObjectOwner(ObjectOwnership ownership, string writerAccountId, string bucketOwnerAccountId, string? cannedAcl)
    {
        ArgumentNullException.ThrowIfNull(writerAccountId);
        ArgumentNullException.ThrowIfNull(bucketOwnerAccountId);
        return ownership switch
        {
            ObjectOwnership.BucketOwnerEnforced => bucketOwnerAccountId,
            ObjectOwnership.BucketOwnerPreferred when cannedAcl == CannedAcl.BucketOwnerFullControl => bucketOwnerAccountId,
            _ => writerAccountId,
        };
    }

    /// <summary>
    /// Whether a write may carry <paramref name="acl"/> while ACLs are disabled: "The bucket only accepts PUT
    /// requests that don't specify an ACL or specify bucket owner full control ACLs (such as the
    /// bucket-owner-full-control canned ACL or a custom ACL in XML format that grants the same permissions)".
    /// Accepted: the bucket owner has FULL_CONTROL and every other grant names the writer (the ACL's owner).
    /// Refused writes answer AccessControlListNotSupported.
    /// </summary>
    public static bool IsAcceptedWhileAclsDisabled(AccessControlList acl, string bucketOwnerAccountId)
    {
        ArgumentNullException.ThrowIfNull(acl);
        ArgumentNullException.ThrowIfNull(bucketOwnerAccountId);
        var bucketOwnerHasFullControl = acl.Grants.Any(g =>
            g.Permission == AclPermission.FullControl && g.Grantee.Id == bucketOwnerAccountId);
        return bucketOwnerHasFullControl
            && acl.Grants.All(g => g.Grantee.Id is { } id && (id == bucketOwnerAccountId || id == acl.Owner.Id));
    }

    /// <summary>
    /// Whether a bucket ACL stops PutBucketOwnershipControls from choosing BucketOwnerEnforced: it grants anyone
    /// but the bucket owner (S3: InvalidBucketAclWithObjectOwnership, "Bucket cannot have ACLs set with
    /// ObjectOwnership's BucketOwnerEnforced setting").
    /// </summary>
    public static bool BlocksEnforcement(AccessControlList bucketAcl)
    {
        ArgumentNullException.ThrowIfNull(bucketAcl);
        return bucketAcl.Grants.Any(g => g.Grantee.Id != bucketAcl.Owner.Id);
    }
}
