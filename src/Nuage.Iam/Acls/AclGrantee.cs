namespace Nuage.Iam.Acls;

/// <summary>
/// Who a grant is for ("Access control list (ACL) overview", "Who is a grantee?"). Build one with
/// <see cref="CanonicalUser"/>, <see cref="Group"/> or <see cref="Email"/>; they refuse ids and URIs S3 would refuse.
/// In Nuage a canonical user id is the 12-digit account id (docs/s3-acls.md).
/// </summary>
public sealed record AclGrantee
{
    public const string AllUsersUri = "http://acs.amazonaws.com/groups/global/AllUsers";
    public const string AuthenticatedUsersUri = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    public const string LogDeliveryUri = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    private AclGrantee(AclGranteeKind kind, string value, string? displayName)
    {
        Kind = kind;
        Value = value;
        DisplayName = displayName;
    }

    public static AclGrantee AllUsers { get; } = new(AclGranteeKind.Group, AllUsersUri, null);

    public static AclGrantee AuthenticatedUsers { get; } = new(AclGranteeKind.Group, AuthenticatedUsersUri, null);

    public static AclGrantee LogDelivery { get; } = new(AclGranteeKind.Group, LogDeliveryUri, null);

    public AclGranteeKind Kind { get; }

    /// <summary>The account id, group URI or e-mail address, by <see cref="Kind"/>.</summary>
    public string Value { get; }

    /// <summary>Shown in GetBucketAcl/GetObjectAcl for canonical users; null when unknown. Not part of who is granted.</summary>
    public string? DisplayName { get; }

    public string? Id => Kind == AclGranteeKind.CanonicalUser ? Value : null;

    public string? Uri => Kind == AclGranteeKind.Group ? Value : null;

    public string? EmailAddress => Kind == AclGranteeKind.EmailAddress ? Value : null;

    /// <summary>Grants to AllUsers or AuthenticatedUsers make an ACL public ("Blocking public access", "The meaning of public").</summary>
    public bool IsPublicGroup => Kind == AclGranteeKind.Group && Value is AllUsersUri or AuthenticatedUsersUri;

    /// <exception cref="AclException">InvalidArgument when <paramref name="id"/> is not a 12-digit account id.</exception>
    public static AclGrantee CanonicalUser(string id, string? displayName = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!IsAccountId(id))
        {
            // S3 answers InvalidArgument "Invalid id" for a canonical id it does not know.
            throw new AclException(AclErrorCode.InvalidArgument, "Invalid id");
        }

        return new AclGrantee(AclGranteeKind.CanonicalUser, id, string.IsNullOrEmpty(displayName) ? null : displayName);
    }

    /// <exception cref="AclException">InvalidArgument when <paramref name="uri"/> is none of S3's predefined groups.</exception>
    public static AclGrantee Group(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri switch
        {
            AllUsersUri => AllUsers,
            AuthenticatedUsersUri => AuthenticatedUsers,
            LogDeliveryUri => LogDelivery,
            _ => throw new AclException(AclErrorCode.InvalidArgument, "Invalid group uri"),
        };
    }

    /// <summary>
    /// An e-mail grantee as a client wrote it. It may be parsed, but <see cref="AccessControlList"/> refuses it with
    /// UnresolvableGrantByEmailAddress: Nuage keeps no e-mail address per account (AWS itself has stopped
    /// accepting new e-mail grantees, PutBucketAcl "End of support notice").
    /// </summary>
    public static AclGrantee Email(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return new AclGrantee(AclGranteeKind.EmailAddress, address.Trim(), null);
    }

    /// <summary>Same grantee, whatever the display names say.</summary>
    public bool SameGranteeAs(AclGrantee other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Kind == other.Kind && string.Equals(Value, other.Value, StringComparison.Ordinal);
    }

    internal static bool IsAccountId(string id) => id.Length == 12 && id.All(char.IsAsciiDigit);
}
