using Nuage.Iam.Acls;

namespace Nuage.S3.Routing;

/// <summary>
/// The ACL a request asks for in its headers: the x-amz-acl canned name, or the grants of the x-amz-grant-*
/// headers (never both: the router refuses that). Expanded against the owner by the handler, which knows it.
/// </summary>
public sealed record RequestAcl(string? Canned, IReadOnlyList<AclGrant>? Grants)
{
    /// <summary>The ACL of the resource about to be owned by <paramref name="owner"/>.</summary>
    public AccessControlList Expand(AclOwner owner, string? bucketOwnerAccountId, bool forBucket) =>
        Canned is { } name
            ? CannedAcl.Expand(name, owner.Id, bucketOwnerAccountId, forBucket, owner.DisplayName)
            : new AccessControlList(owner, Grants ?? []);

    /// <summary>The ACL headers of a request, or null when it has none. Throws AclException for bad or conflicting ones.</summary>
    public static RequestAcl? From(Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var canned = header(AclGrantHeaders.CannedAclHeader)?.Trim();
        var grants = AclGrantHeaders.ParseAll(header);
        if (canned is not null && grants is not null)
        {
            throw new AclException(AclErrorCode.InvalidRequest, "Specifying both Canned ACLs and Header Grants is not allowed");
        }

        if (canned is not null && !CannedAcl.IsKnown(canned))
        {
            throw new AclException(AclErrorCode.InvalidArgument, $"Invalid canned ACL: {canned}");
        }

        return canned is null && grants is null ? null : new RequestAcl(canned, grants);
    }
}
