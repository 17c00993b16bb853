using System.Text.Json.Serialization;
using Nuage.Iam.Identities;

namespace Nuage.Admin.Json;

/// <summary>An access key; the secret only in the answer that created it (IAM's CreateAccessKey shows it once, too).</summary>
public sealed record AccessKeyDocument(
    string AccessKeyId,
    string? UserName,
    string Status,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SecretAccessKey = null)
{
    public static AccessKeyDocument From(AccessKey key, bool withSecret = false) =>
        new(key.AccessKeyId, key.UserName, key.Status, key.CreatedAt, withSecret ? key.Secret : null);
}
