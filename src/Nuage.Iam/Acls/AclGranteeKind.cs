namespace Nuage.Iam.Acls;

/// <summary>How a grantee is named; the xsi:type of an ACL's Grantee element ("Access control list (ACL) overview").</summary>
public enum AclGranteeKind
{
    /// <summary>xsi:type="CanonicalUser": an account, by its canonical user id (in Nuage, the 12-digit account id).</summary>
    CanonicalUser,

    /// <summary>xsi:type="Group": one of S3's predefined groups, by URI.</summary>
    Group,

    /// <summary>xsi:type="AmazonCustomerByEmail": only ever parsed; Nuage cannot resolve it to an account.</summary>
    EmailAddress,
}
