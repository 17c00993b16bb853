namespace Nuage.Iot.Registry;

/// <summary>A device credential as the registry shows it: never its token, which is not kept.</summary>
public sealed record DeviceCredential(string CredentialId, string AccountId, string ThingName, bool Active, DateTimeOffset CreatedAt);
