using System.Collections.Immutable;

namespace Nuage.Iam.Identities;

/// <summary>A customer managed policy: up to five versions, one of them the default that attachments use.</summary>
public sealed record ManagedPolicy(
    string AccountId,
    string Name,
    string Id,
    string Path,
    DateTimeOffset CreatedAt,
    string? Description,
    string DefaultVersionId,
    ImmutableList<PolicyVersion> Versions,
    int NextVersion)
{
    public const int MaxVersions = 5;

    public string Arn => IamArns.Of(AccountId, "policy", Path, Name);

    public PolicyVersion DefaultVersion => Versions.First(v => v.VersionId == DefaultVersionId);

    public DateTimeOffset UpdatedAt => DefaultVersion.CreatedAt;
}
