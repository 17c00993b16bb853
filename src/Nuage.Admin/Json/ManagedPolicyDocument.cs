using System.Text.Json.Serialization;
using Nuage.Iam.Identities;

namespace Nuage.Admin.Json;

/// <summary>A managed policy; the default version's document only when one policy is read.</summary>
public sealed record ManagedPolicyDocument(
    string Name, string Id, string Arn, string Path, string? Description, string DefaultVersionId, int AttachmentCount,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Document = null)
{
    public static ManagedPolicyDocument From(ManagedPolicy policy, int attachmentCount, bool withDocument = false) =>
        new(policy.Name, policy.Id, policy.Arn, policy.Path, policy.Description, policy.DefaultVersionId, attachmentCount,
            policy.CreatedAt, policy.UpdatedAt, withDocument ? policy.DefaultVersion.Document : null);
}
