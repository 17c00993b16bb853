using System.Xml;
using System.Xml.Linq;
using Nuage.Iam.Acls;
using Nuage.S3.Errors;

namespace Nuage.S3.Xml;

/// <summary>
/// The AccessControlPolicy document: GetBucketAcl/GetObjectAcl answer it, PutBucketAcl/PutObjectAcl may send it
/// (S3 API reference, PutBucketAcl "Request Syntax"). Each Grantee says its kind with xsi:type: CanonicalUser
/// (ID, DisplayName), Group (URI) or AmazonCustomerByEmail (EmailAddress).
/// </summary>
/// <param name="Owner">The Owner element of a request; null when the client left it out.</param>
public sealed record AccessControlPolicyDocument(AclOwner? Owner, IReadOnlyList<AclGrant> Grants)
{
    public const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    private static readonly XName XsiType = XName.Get("type", XsiNamespace);

    public static void Write(XmlWriter xml, AccessControlList acl)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(acl);
        xml.WriteStartElement("AccessControlPolicy", S3Xml.Namespace);
        OwnerElement.Write(xml, acl.Owner.Id, acl.Owner.DisplayName);
        xml.WriteStartElement("AccessControlList");
        foreach (var grant in acl.Grants)
        {
            xml.WriteStartElement("Grant");
            WriteGrantee(xml, grant.Grantee);
            xml.WriteElementString("Permission", AclPermissionNames.ToS3Name(grant.Permission));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>Reads a PutBucketAcl/PutObjectAcl body (from <see cref="S3XmlRequest.ReadAsync"/>).</summary>
    /// <exception cref="S3Exception">MalformedACLError: the document is well-formed XML but not an AccessControlPolicy.</exception>
    /// <exception cref="AclException">InvalidArgument for an id or group URI S3 does not know.</exception>
    public static AccessControlPolicyDocument Parse(XElement? root)
    {
        if (root is null || root.Name.LocalName != "AccessControlPolicy")
        {
            throw Malformed();
        }

        AclOwner? owner = null;
        var ownerElement = Single(root, "Owner", required: false);
        if (ownerElement is not null)
        {
            var id = NonEmpty(S3XmlRequest.ChildValue(ownerElement, "ID")) ?? throw Malformed();
            owner = new AclOwner(id, NonEmpty(S3XmlRequest.ChildValue(ownerElement, "DisplayName")) ?? id);
        }

        var list = Single(root, "AccessControlList", required: true)!;
        var grants = new List<AclGrant>();
        foreach (var grant in S3XmlRequest.Children(list, "Grant"))
        {
            var grantee = ParseGrantee(Single(grant, "Grantee", required: true)!);
            if (!AclPermissionNames.TryParse(S3XmlRequest.ChildValue(grant, "Permission")?.Trim(), out var permission))
            {
                throw Malformed();
            }

            grants.Add(new AclGrant(grantee, permission));
        }

        return new AccessControlPolicyDocument(owner, grants);
    }

    /// <summary>The ACL this document sets on a resource owned by <paramref name="owner"/>.</summary>
    /// <exception cref="AclException">UnresolvableGrantByEmailAddress, or MalformedAcl for too many grants.</exception>
    public AccessControlList ToAcl(AclOwner owner) => new(owner, Grants);

    internal static AclGrantee ParseGrantee(XElement grantee)
    {
        // The schema's type is a QName-like string; a prefix, if any, is not part of the type's name.
        var type = grantee.Attribute(XsiType)?.Value.Trim();
        type = type?[(type.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return type switch
        {
            "CanonicalUser" => AclGrantee.CanonicalUser(
                Required(grantee, "ID"), NonEmpty(S3XmlRequest.ChildValue(grantee, "DisplayName"))),
            "Group" => AclGrantee.Group(Required(grantee, "URI")),
            "AmazonCustomerByEmail" => AclGrantee.Email(Required(grantee, "EmailAddress")),
            _ => throw Malformed(),
        };
    }

    internal static void WriteGrantee(XmlWriter xml, AclGrantee grantee)
    {
        xml.WriteStartElement("Grantee");
        xml.WriteAttributeString("xmlns", "xsi", null, XsiNamespace);
        switch (grantee.Kind)
        {
            case AclGranteeKind.CanonicalUser:
                xml.WriteAttributeString("xsi", "type", XsiNamespace, "CanonicalUser");
                xml.WriteElementString("ID", grantee.Id);
                if (grantee.DisplayName is not null)
                {
                    xml.WriteElementString("DisplayName", grantee.DisplayName);
                }

                break;
            case AclGranteeKind.Group:
                xml.WriteAttributeString("xsi", "type", XsiNamespace, "Group");
                xml.WriteElementString("URI", grantee.Uri);
                break;
            default:
                xml.WriteAttributeString("xsi", "type", XsiNamespace, "AmazonCustomerByEmail");
                xml.WriteElementString("EmailAddress", grantee.EmailAddress);
                break;
        }

        xml.WriteEndElement();
    }

    private static XElement? Single(XElement parent, string localName, bool required)
    {
        var found = S3XmlRequest.Children(parent, localName).Take(2).ToList();
        return found.Count switch
        {
            0 when !required => null,
            1 => found[0],
            _ => throw Malformed(),
        };
    }

    private static string Required(XElement parent, string localName) =>
        NonEmpty(S3XmlRequest.ChildValue(parent, localName)) ?? throw Malformed();

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static S3Exception Malformed() => new(S3Error.MalformedACLError);
}
