namespace Nuage.Iam.Identities;

/// <summary>One version ("v1", "v2", ...) of a managed policy and its document.</summary>
public sealed record PolicyVersion(string VersionId, string Document, DateTimeOffset CreatedAt);
