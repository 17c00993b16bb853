using Nuage.Iam.Identities;
using Nuage.IamApi.Protocol;

namespace Nuage.IamApi.Xml;

/// <summary>
/// The IAM data types as the API reference lists their members ("Data Types": User, Group, Role, Policy,
/// AccessKey, AccessKeyMetadata, PolicyVersion). Policy documents go out URL-encoded (RFC 3986), as IAM returns
/// them ("GetUserPolicy": "The policy document returned in this structure is URL-encoded compliant with RFC 3986").
/// </summary>
public static class IamXml
{
    public static string EncodeDocument(string document) => Uri.EscapeDataString(document);

    /// <summary>
    /// A User; <paramref name="full"/> adds what only CreateUser and GetUser return, its PermissionsBoundary and
    /// Tags ("ListUsers": "does not return ... permissions boundary, and tags").
    /// </summary>
    public static void User(QueryXml xml, IamUser user, bool full)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(user);
        xml.Element("Path", user.Path);
        xml.Element("UserName", user.Name);
        xml.Element("UserId", user.Id);
        xml.Element("Arn", user.Arn);
        xml.Element("CreateDate", user.CreatedAt);
        if (full)
        {
            Boundary(xml, user.PermissionsBoundary);
            if (!user.Tags.IsEmpty)
            {
                Tags(xml, user.Tags);
            }
        }
    }

    public static void User(QueryXml xml, IamUser user) => User(xml, user, full: false);

    /// <summary>The Tags member: &lt;Tags&gt;&lt;member&gt;&lt;Key/&gt;&lt;Value/&gt;&lt;/member&gt;...&lt;/Tags&gt;.</summary>
    public static void Tags(QueryXml xml, IEnumerable<IamTag> tags)
    {
        ArgumentNullException.ThrowIfNull(xml);
        xml.Members("Tags", tags, (x, t) =>
        {
            x.Element("Key", t.Key);
            x.Element("Value", t.Value);
        });
    }

    /// <summary>AttachedPermissionsBoundary: the type is always a managed policy ("PermissionsBoundaryPolicy").</summary>
    private static void Boundary(QueryXml xml, string? arn)
    {
        if (arn is null)
        {
            return;
        }

        xml.Start("PermissionsBoundary");
        xml.Element("PermissionsBoundaryType", "PermissionsBoundaryPolicy");
        xml.Element("PermissionsBoundaryArn", arn);
        xml.End();
    }

    public static void Group(QueryXml xml, IamGroup group)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(group);
        xml.Element("Path", group.Path);
        xml.Element("GroupName", group.Name);
        xml.Element("GroupId", group.Id);
        xml.Element("Arn", group.Arn);
        xml.Element("CreateDate", group.CreatedAt);
    }

    public static void Role(QueryXml xml, IamRole role) => Role(xml, role, full: false);

    /// <summary>A Role; <paramref name="full"/> adds PermissionsBoundary and Tags (CreateRole, GetRole; ListRoles leaves them out).</summary>
    public static void Role(QueryXml xml, IamRole role, bool full)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(role);
        xml.Element("Path", role.Path);
        xml.Element("RoleName", role.Name);
        xml.Element("RoleId", role.Id);
        xml.Element("Arn", role.Arn);
        xml.Element("CreateDate", role.CreatedAt);
        xml.Element("AssumeRolePolicyDocument", EncodeDocument(role.TrustPolicy));
        xml.Element("Description", role.Description);
        xml.Element("MaxSessionDuration", role.MaxSessionDuration);
        if (full)
        {
            Boundary(xml, role.PermissionsBoundary);
            if (!role.Tags.IsEmpty)
            {
                Tags(xml, role.Tags);
            }
        }
    }

    public static void Policy(QueryXml xml, ManagedPolicy policy, int attachmentCount, int boundaryUsageCount)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(policy);
        xml.Element("PolicyName", policy.Name);
        xml.Element("DefaultVersionId", policy.DefaultVersionId);
        xml.Element("PolicyId", policy.Id);
        xml.Element("Path", policy.Path);
        xml.Element("Arn", policy.Arn);
        xml.Element("AttachmentCount", attachmentCount);
        xml.Element("PermissionsBoundaryUsageCount", boundaryUsageCount);
        xml.Element("IsAttachable", true);
        xml.Element("Description", policy.Description);
        xml.Element("CreateDate", policy.CreatedAt);
        xml.Element("UpdateDate", policy.UpdatedAt);
    }

    /// <param name="withDocument">GetPolicyVersion carries the document; CreatePolicyVersion and ListPolicyVersions do not.</param>
    public static void PolicyVersion(QueryXml xml, ManagedPolicy policy, PolicyVersion version, bool withDocument)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(version);
        xml.Element("Document", withDocument ? EncodeDocument(version.Document) : null);
        xml.Element("VersionId", version.VersionId);
        xml.Element("IsDefaultVersion", version.VersionId == policy.DefaultVersionId);
        xml.Element("CreateDate", version.CreatedAt);
    }

    /// <summary>AccessKeyMetadata (ListAccessKeys), or AccessKey with its secret (CreateAccessKey only).</summary>
    public static void AccessKey(QueryXml xml, AccessKey key, string userName, bool withSecret)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(key);
        xml.Element("UserName", userName);
        xml.Element("AccessKeyId", key.AccessKeyId);
        xml.Element("Status", key.Status);
        xml.Element("SecretAccessKey", withSecret ? key.Secret : null);
        xml.Element("CreateDate", key.CreatedAt);
    }
}
