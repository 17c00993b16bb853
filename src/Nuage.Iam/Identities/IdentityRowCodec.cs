using System.Collections.Immutable;
using System.Text.Json;
using Nuage.Iam.Secrets;
using Nuage.Metadata;

namespace Nuage.Iam.Identities;

/// <summary>
/// Entities to and from the metadata store's rows. The JSON bodies carry a version ("v") so later fields are
/// additions a reader can default; secrets are sealed on the way out and opened on the way in.
/// </summary>
internal static class IdentityRowCodec
{
    private const int BodyVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IdentityDirectory Load(IdentityRows rows, SecretSealer sealer)
    {
        var directory = IdentityDirectory.Empty;
        var accounts = directory.Accounts.ToBuilder();
        foreach (var row in rows.Accounts)
        {
            accounts[row.Id] = new Account(row.Id, row.Name, row.CreatedAt, JsonSerializer.Deserialize<AccountSettings>(row.Settings, Json) ?? AccountSettings.Empty);
        }

        var users = directory.Users.ToBuilder();
        var groups = directory.Groups.ToBuilder();
        var roles = directory.Roles.ToBuilder();
        var policies = directory.Policies.ToBuilder();
        foreach (var row in rows.Entities)
        {
            var name = new EntityName(row.AccountId, row.Name);
            var body = JsonSerializer.Deserialize<EntityBody>(row.Body, Json) ?? new EntityBody();
            switch (row.Kind)
            {
                case IdentityKind.User:
                    users[name] = new IamUser(row.AccountId, row.Name, row.Id, body.Path, row.CreatedAt, Inline(body), [.. body.Attached], [.. body.Groups])
                    {
                        Tags = Tags(body),
                        PermissionsBoundary = body.Boundary,
                    };
                    break;
                case IdentityKind.Group:
                    groups[name] = new IamGroup(row.AccountId, row.Name, row.Id, body.Path, row.CreatedAt, Inline(body), [.. body.Attached]);
                    break;
                case IdentityKind.Role:
                    roles[name] = new IamRole(
                        row.AccountId, row.Name, row.Id, body.Path, row.CreatedAt, body.TrustPolicy ?? "{}", body.MaxSessionDuration ?? 3600,
                        body.Description, Inline(body), [.. body.Attached])
                    {
                        Tags = Tags(body),
                        PermissionsBoundary = body.Boundary,
                    };
                    break;
                case IdentityKind.ManagedPolicy:
                    policies[name] = new ManagedPolicy(
                        row.AccountId, row.Name, row.Id, body.Path, row.CreatedAt, body.Description, body.DefaultVersion ?? "v1",
                        [.. body.Versions.Select(v => new PolicyVersion(v.Id, v.Document, v.CreatedAt))], body.NextVersion ?? 2);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown identity kind {(int)row.Kind} for {row.AccountId}/{row.Name}: written by a newer Nuage?");
            }
        }

        var keys = directory.AccessKeys.ToBuilder();
        foreach (var row in rows.AccessKeys)
        {
            keys[row.AccessKeyId] = new AccessKey(
                row.AccessKeyId, row.AccountId, row.UserName, row.Active, row.CreatedAt, sealer.Open(row.AccessKeyId, row.SealedSecret));
        }

        return new IdentityDirectory(accounts.ToImmutable(), users.ToImmutable(), groups.ToImmutable(), roles.ToImmutable(), policies.ToImmutable(), keys.ToImmutable());
    }

    public static AccountRow ToRow(Account account) =>
        new(account.Id, account.Name, account.CreatedAt, JsonSerializer.Serialize(account.Settings, Json));

    public static IdentityRow ToRow(IamUser user) => new(
        user.AccountId, IdentityKind.User, user.Name, user.Id, user.CreatedAt,
        Serialize(new EntityBody
        {
            Path = user.Path, Inline = new(user.InlinePolicies), Attached = [.. user.AttachedPolicies], Groups = [.. user.Groups],
            Tags = TagBodies(user.Tags), Boundary = user.PermissionsBoundary,
        }));

    public static IdentityRow ToRow(IamGroup group) => new(
        group.AccountId, IdentityKind.Group, group.Name, group.Id, group.CreatedAt,
        Serialize(new EntityBody { Path = group.Path, Inline = new(group.InlinePolicies), Attached = [.. group.AttachedPolicies] }));

    public static IdentityRow ToRow(IamRole role) => new(
        role.AccountId, IdentityKind.Role, role.Name, role.Id, role.CreatedAt,
        Serialize(new EntityBody
        {
            Path = role.Path, Inline = new(role.InlinePolicies), Attached = [.. role.AttachedPolicies], TrustPolicy = role.TrustPolicy,
            MaxSessionDuration = role.MaxSessionDuration, Description = role.Description,
            Tags = TagBodies(role.Tags), Boundary = role.PermissionsBoundary,
        }));

    public static IdentityRow ToRow(ManagedPolicy policy) => new(
        policy.AccountId, IdentityKind.ManagedPolicy, policy.Name, policy.Id, policy.CreatedAt,
        Serialize(new EntityBody
        {
            Path = policy.Path, Description = policy.Description, DefaultVersion = policy.DefaultVersionId, NextVersion = policy.NextVersion,
            Versions = [.. policy.Versions.Select(v => new VersionBody { Id = v.VersionId, Document = v.Document, CreatedAt = v.CreatedAt })],
        }));

    public static AccessKeyRow ToRow(AccessKey key, SecretSealer sealer) =>
        new(key.AccessKeyId, key.AccountId, key.UserName, sealer.Seal(key.AccessKeyId, key.Secret), key.Active, key.CreatedAt);

    private static string Serialize(EntityBody body) => JsonSerializer.Serialize(body with { V = BodyVersion }, Json);

    private static ImmutableSortedDictionary<string, string> Inline(EntityBody body) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, body.Inline);

    private static ImmutableList<IamTag> Tags(EntityBody body) => [.. (body.Tags ?? []).Select(t => new IamTag(t.Key, t.Value))];

    // Null when there are none, so an untagged entity's body stays as it was before tags existed.
    private static List<TagBody>? TagBodies(ImmutableList<IamTag> tags) => tags.IsEmpty ? null : [.. tags.Select(t => new TagBody { Key = t.Key, Value = t.Value })];

    /// <summary>The union of every kind's fields; each kind writes its own.</summary>
    private sealed record EntityBody
    {
        public int V { get; init; } = BodyVersion;
        public string Path { get; init; } = "/";
        public Dictionary<string, string> Inline { get; init; } = [];
        public List<string> Attached { get; init; } = [];
        public List<string> Groups { get; init; } = [];
        public string? TrustPolicy { get; init; }
        public int? MaxSessionDuration { get; init; }
        public string? Description { get; init; }
        public string? DefaultVersion { get; init; }
        public int? NextVersion { get; init; }
        public List<VersionBody> Versions { get; init; } = [];

        /// <summary>A user's or role's tags, in the order they were added.</summary>
        public List<TagBody>? Tags { get; init; }

        /// <summary>A user's or role's permissions boundary: a managed policy ARN.</summary>
        public string? Boundary { get; init; }
    }

    private sealed record TagBody
    {
        public string Key { get; init; } = "";
        public string Value { get; init; } = "";
    }

    private sealed record VersionBody
    {
        public string Id { get; init; } = "";
        public string Document { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }
}
