namespace Nuage.Iot.Identity;

/// <summary>
/// A device: a thing of the registry that connected with one of its credentials (user name = credential id,
/// password = token, client id = thing name; docs/iot-devices.md). Its rights are its own topics and what the IoT
/// policies of the thing and its groups grant.
/// </summary>
public sealed record DeviceIdentity(string AccountId, string ThingName, string CredentialId) : IotIdentity(AccountId)
{
    public override string Describe() => $"thing/{ThingName} ({CredentialId})";
}
