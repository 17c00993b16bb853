using Nuage.Iam.Identities;

namespace Nuage.Admin.Json;

public sealed record RoleDocument(
    string Name, string Id, string Arn, string Path, DateTimeOffset CreatedAt, string? Description, int MaxSessionDuration,
    string TrustPolicy, IReadOnlyList<string> InlinePolicies, IReadOnlyList<string> AttachedPolicies)
{
    public static RoleDocument From(IamRole role) =>
        new(role.Name, role.Id, role.Arn, role.Path, role.CreatedAt, role.Description, role.MaxSessionDuration, role.TrustPolicy,
            [.. role.InlinePolicies.Keys], role.AttachedPolicies);
}
