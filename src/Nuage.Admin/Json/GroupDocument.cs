using System.Text.Json.Serialization;
using Nuage.Iam.Identities;

namespace Nuage.Admin.Json;

/// <summary>A group; its members only when one group is read (listing them for every group would walk every user).</summary>
public sealed record GroupDocument(
    string Name, string Id, string Arn, string Path, DateTimeOffset CreatedAt,
    IReadOnlyList<string> InlinePolicies, IReadOnlyList<string> AttachedPolicies,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Members = null)
{
    public static GroupDocument From(IamGroup group, IEnumerable<IamUser>? members = null) =>
        new(group.Name, group.Id, group.Arn, group.Path, group.CreatedAt, [.. group.InlinePolicies.Keys], group.AttachedPolicies,
            members is null ? null : [.. members.Select(m => m.Name)]);
}
