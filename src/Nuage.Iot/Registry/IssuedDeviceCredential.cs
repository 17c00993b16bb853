namespace Nuage.Iot.Registry;

/// <summary>A credential just created, with its token: the only time the token is ever shown.</summary>
public sealed record IssuedDeviceCredential(DeviceCredential Credential, string Token);
