using System.Text.Json;

namespace Nuage.Iam.Acls;

/// <summary>
/// A bucket's or an object's ACL: its owner and an ordered list of grants ("Access control list (ACL) overview").
/// Immutable and always valid: every grantee resolves to an account or a predefined group.
/// </summary>
public sealed class AccessControlList
{
    /// <summary>"You can have up to 100 grants in an ACL" (ACL overview); S3 answers MalformedACLError beyond.</summary>
    public const int MaxGrants = 100;

    private const int JsonVersion = 1;

    /// <exception cref="AclException">
    /// UnresolvableGrantByEmailAddress for an e-mail grantee; MalformedAcl for more than <see cref="MaxGrants"/> grants.
    /// </exception>
    public AccessControlList(AclOwner owner, IEnumerable<AclGrant> grants)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(grants);
        if (!AclGrantee.IsAccountId(owner.Id))
        {
            throw new ArgumentException($"An ACL owner is a 12-digit account id, not '{owner.Id}'.", nameof(owner));
        }

        var list = grants.ToList();
        if (list.Any(g => g.Grantee.Kind == AclGranteeKind.EmailAddress))
        {
            throw new AclException(
                AclErrorCode.UnresolvableGrantByEmailAddress,
                "The e-mail address you provided does not match any account on record.");
        }

        if (list.Count > MaxGrants)
        {
            throw new AclException(AclErrorCode.MalformedAcl, $"An ACL can have at most {MaxGrants} grants.");
        }

        Owner = owner;
        Grants = list.AsReadOnly();
    }

    public AclOwner Owner { get; }

    public IReadOnlyList<AclGrant> Grants { get; }

    /// <summary>The default ACL of every new bucket and object: the owner has FULL_CONTROL, nobody else anything.</summary>
    public static AccessControlList Private(AclOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new AccessControlList(owner, [new AclGrant(AclGrantee.CanonicalUser(owner.Id, owner.DisplayName), AclPermission.FullControl)]);
    }

    /// <summary>The stored form: {"version":1,"owner":{...},"grants":[{"type":...,"id"|"uri":...,"permission":"READ"}]}.</summary>
    public string ToJson() => StoredJson.Write(JsonVersion, json =>
    {
        json.WriteStartObject("owner");
        json.WriteString("id", Owner.Id);
        json.WriteString("displayName", Owner.DisplayName);
        json.WriteEndObject();
        json.WriteStartArray("grants");
        foreach (var grant in Grants)
        {
            json.WriteStartObject();
            var grantee = grant.Grantee;
            json.WriteString("type", grantee.Kind.ToString());
            json.WriteString(grantee.Kind == AclGranteeKind.Group ? "uri" : "id", grantee.Value);
            if (grantee.DisplayName is not null)
            {
                json.WriteString("displayName", grantee.DisplayName);
            }

            json.WriteString("permission", AclPermissionNames.ToS3Name(grant.Permission));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    });

    /// <exception cref="FormatException">The text is not an ACL this build wrote.</exception>
    public static AccessControlList FromJson(string json) => StoredJson.Read(json, "ACL", JsonVersion, root =>
    {
        var ownerElement = root.GetProperty("owner");
        var owner = new AclOwner(StoredJson.RequiredString(ownerElement, "id"), StoredJson.RequiredString(ownerElement, "displayName"));
        var grants = new List<AclGrant>();
        foreach (var element in root.GetProperty("grants").EnumerateArray())
        {
            var type = StoredJson.RequiredString(element, "type");
            var grantee = type switch
            {
                nameof(AclGranteeKind.CanonicalUser) => AclGrantee.CanonicalUser(
                    StoredJson.RequiredString(element, "id"), StoredJson.OptionalString(element, "displayName")),
                nameof(AclGranteeKind.Group) => AclGrantee.Group(StoredJson.RequiredString(element, "uri")),
                _ => throw new JsonException($"Unknown grantee type '{type}'."),
            };
            if (!AclPermissionNames.TryParse(StoredJson.RequiredString(element, "permission"), out var permission))
            {
                throw new JsonException("Unknown permission.");
            }

            grants.Add(new AclGrant(grantee, permission));
        }

        return new AccessControlList(owner, grants);
    });
}
