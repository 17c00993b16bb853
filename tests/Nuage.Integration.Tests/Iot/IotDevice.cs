using System.Net;
using Nuage.Integration.Tests.Access;
using Nuage.Testing;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// A thing registered through the admin API with one credential (docs/iot-devices.md): it connects with client id =
/// <see cref="ThingName"/>, user name = credential id, password = token, which <see cref="Keys"/> carries for the
/// MQTT test client and mosquitto.
/// </summary>
public sealed record IotDevice(TestAccount Account, string ThingName, string CredentialId, string Token)
{
    public IotKeys Keys => new(CredentialId, Token, Account.Id);

    public static async Task<IotDevice> RegisterAsync(NuageServerFixture fixture, TestAccount account, string thingName)
    {
        using (var admin = account.Admin(fixture))
        {
            (await admin.PostAsync($"/api/iot/accounts/{account.Name}/things", new { thingName })).Expect(HttpStatusCode.Created);
        }

        return await WithCredentialAsync(fixture, account, thingName);
    }

    /// <summary>A new credential for a thing made already (with a type or attributes of the test's choosing).</summary>
    public static async Task<IotDevice> WithCredentialAsync(NuageServerFixture fixture, TestAccount account, string thingName)
    {
        using var admin = account.Admin(fixture);
        var credential = (await admin.PostAsync($"/api/iot/accounts/{account.Name}/things/{thingName}/credentials")).Expect(HttpStatusCode.Created);
        return new IotDevice(account, thingName, credential.String("credentialId"), credential.String("token"));
    }

    public Task<MqttTestClient> ConnectAsync(NuageServerFixture fixture, MQTTnet.Formatter.MqttProtocolVersion version = MQTTnet.Formatter.MqttProtocolVersion.V500) =>
        MqttTestClient.ConnectAsync(fixture, Keys, version: version, clientId: ThingName);

    public Task<MqttTestClient> ConnectOkAsync(NuageServerFixture fixture) => MqttTestClient.ConnectOkAsync(fixture, Keys, clientId: ThingName);
}
