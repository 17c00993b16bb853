namespace Nuage.Metadata;

/// <summary>
/// A device credential: its public id, the SHA-256 of its token (never the token), the thing it authenticates and
/// whether it is active.
/// </summary>
public sealed record IotCredentialRow(string CredentialId, string AccountId, string ThingName, byte[] TokenHash, bool Active, DateTimeOffset CreatedAt);
