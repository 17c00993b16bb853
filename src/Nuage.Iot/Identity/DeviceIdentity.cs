namespace Nuage.Iot.Identity;

/// <summary>
/// A device: a thing of the registry that connected with one of its credentials (user name = credential id,
/// password = token, client id = thing name; docs/iot-devices.md), or over TLS with one of its registered X.509
/// certificates, whose id (SHA-256 fingerprint) is then <see cref="CredentialId"/>. Its rights are its own topics and
/// what the IoT policies of the thing and its groups grant.
/// </summary>
public sealed record DeviceIdentity(string AccountId, string ThingName, string CredentialId) : IotIdentity(AccountId)
{
    public override string Describe() => $"thing/{ThingName} ({CredentialId})";
}
