using Nuage.Iot.Registry;

namespace Nuage.Admin.Json;

/// <summary>
/// A device credential; <see cref="Token"/> only in the answer that created it (create, rotate), never after:
/// the server keeps its hash only.
/// </summary>
public sealed record DeviceCredentialDocument(string CredentialId, string ThingName, string Status, DateTimeOffset CreatedAt, string? Token = null)
{
    /// <summary>"token", beside certificates' "certificate" in a thing's credential listing.</summary>
    public string Kind => "token";

    public static DeviceCredentialDocument From(DeviceCredential credential) =>
        new(credential.CredentialId, credential.ThingName, credential.Active ? "Active" : "Inactive", credential.CreatedAt);

    public static DeviceCredentialDocument From(IssuedDeviceCredential issued) => From(issued.Credential) with { Token = issued.Token };
}
