namespace Nuage.Iam.Acls;

/// <summary>
/// The ACL request headers of CreateBucket, PutObject, CopyObject, CreateMultipartUpload, PutBucketAcl and
/// PutObjectAcl (S3 API reference, PutBucketAcl "Request Syntax"): x-amz-acl names a canned ACL; each
/// x-amz-grant-* header lists grantees as <c>type=value</c> pairs separated by commas, the type being id, uri or
/// emailAddress, e.g. <c>x-amz-grant-read: id="111122223333", uri="http://acs.amazonaws.com/groups/global/AllUsers"</c>.
/// </summary>
public static class AclGrantHeaders
{
    public const string CannedAclHeader = "x-amz-acl";

    /// <summary>The five grant headers, in the order their grants are listed in the resulting ACL.</summary>
    public static IReadOnlyList<AclPermission> HeaderOrder { get; } =
        [AclPermission.Read, AclPermission.Write, AclPermission.ReadAcp, AclPermission.WriteAcp, AclPermission.FullControl];

    public static string HeaderName(AclPermission permission) => permission switch
    {
        AclPermission.Read => "x-amz-grant-read",
        AclPermission.Write => "x-amz-grant-write",
        AclPermission.ReadAcp => "x-amz-grant-read-acp",
        AclPermission.WriteAcp => "x-amz-grant-write-acp",
        AclPermission.FullControl => "x-amz-grant-full-control",
        _ => throw new ArgumentOutOfRangeException(nameof(permission), permission, null),
    };

    /// <summary>
    /// The ACL a request's headers ask for, or null when it carries neither x-amz-acl nor a grant header (the
    /// caller then keeps its default, normally private). Grant headers replace the whole ACL: the owner keeps
    /// FULL_CONTROL only when a header grants it.
    /// </summary>
    /// <param name="header">Returns a header's value (repeated headers joined with commas), or null when absent.</param>
    /// <exception cref="AclException">
    /// InvalidRequest for both kinds of header on one request; InvalidArgument for a bad canned name or grant;
    /// UnresolvableGrantByEmailAddress for an e-mail grantee.
    /// </exception>
    public static AccessControlList? FromRequest(Func<string, string?> header, AclOwner owner, string? bucketOwnerAccountId, bool forBucket)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(owner);
        var canned = header(CannedAclHeader);
        var grants = ParseAll(header);
        if (canned is not null && grants is not null)
        {
            throw new AclException(AclErrorCode.InvalidRequest, "Specifying both Canned ACLs and Header Grants is not allowed");
        }

        if (canned is not null)
        {
            return CannedAcl.Expand(canned.Trim(), owner.Id, bucketOwnerAccountId, forBucket, owner.DisplayName);
        }

        return grants is null ? null : new AccessControlList(owner, grants);
    }

    /// <summary>The grants of all five grant headers, or null when none is present.</summary>
    public static IReadOnlyList<AclGrant>? ParseAll(Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        List<AclGrant>? grants = null;
        foreach (var permission in HeaderOrder)
        {
            var value = header(HeaderName(permission));
            if (value is not null)
            {
                (grants ??= []).AddRange(Parse(permission, value));
            }
        }

        return grants;
    }

    /// <summary>The grants of one header value: each listed grantee gets <paramref name="permission"/>.</summary>
    /// <exception cref="AclException">InvalidArgument for a value that is empty or not <c>type=value[, ...]</c>.</exception>
    public static IReadOnlyList<AclGrant> Parse(AclPermission permission, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var grants = new List<AclGrant>();
        var at = 0;
        do
        {
            var (type, granteeValue) = ReadPair(value, ref at);
            grants.Add(new AclGrant(Grantee(type, granteeValue), permission));
        }
        while (at < value.Length);

        return grants;
    }

    private static (string Type, string Value) ReadPair(string text, ref int at)
    {
        SkipSpaces(text, ref at);
        var equals = text.IndexOf('=', at);
        if (equals < 0)
        {
            throw Malformed(text);
        }

        var type = text[at..equals].Trim();
        at = equals + 1;
        SkipSpaces(text, ref at);
        string granteeValue;
        if (at < text.Length && text[at] == '"')
        {
            // The documented form quotes the value; the AWS CLI passes it unquoted (--grant-read uri=...).
            var close = text.IndexOf('"', at + 1);
            if (close < 0)
            {
                throw Malformed(text);
            }

            granteeValue = text[(at + 1)..close];
            at = close + 1;
            SkipSpaces(text, ref at);
        }
        else
        {
            var comma = text.IndexOf(',', at);
            var end = comma < 0 ? text.Length : comma;
            granteeValue = text[at..end].Trim();
            at = end;
        }

        if (type.Length == 0 || granteeValue.Length == 0)
        {
            throw Malformed(text);
        }

        if (at < text.Length)
        {
            if (text[at] != ',')
            {
                throw Malformed(text);
            }

            at++;
            SkipSpaces(text, ref at);
            if (at == text.Length)
            {
                throw Malformed(text); // a trailing comma promises a grantee that never comes
            }
        }

        return (type, granteeValue);
    }

    private static AclGrantee Grantee(string type, string value) => type.ToLowerInvariant() switch
    {
        "id" => AclGrantee.CanonicalUser(value),
        "uri" => AclGrantee.Group(value),
        "emailaddress" => AclGrantee.Email(value),
        _ => throw new AclException(AclErrorCode.InvalidArgument, $"Invalid grantee type in grant header: {type}"),
    };

    private static void SkipSpaces(string text, ref int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }
    }

    private static AclException Malformed(string value) =>
        new(AclErrorCode.InvalidArgument, $"Invalid grant header value: {value}");
}
