using MQTTnet;
using MQTTnet.Formatter;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// CONNECT with access keys as MQTT credentials (docs/iot.md "Connecting"): account roots and IAM users with an iot
/// policy get in; a wrong secret is Bad User Name or Password, no credentials or no iot:Connect Not authorized,
/// under MQTT 5 and 3.1.1, over TCP and WebSocket.
/// </summary>
public sealed class MqttConnectTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Theory]
    [InlineData(MqttTransport.Tcp, MqttProtocolVersion.V500)]
    [InlineData(MqttTransport.Tcp, MqttProtocolVersion.V311)]
    [InlineData(MqttTransport.WebSocket, MqttProtocolVersion.V500)]
    [InlineData(MqttTransport.WebSocket, MqttProtocolVersion.V311)]
    public async Task An_account_root_key_connects(MqttTransport transport, MqttProtocolVersion version)
    {
        var root = await IotKeys.NewAccountAsync(fixture, "connect-root");
        await using var client = await MqttTestClient.ConnectAsync(fixture, root, transport, version);
        Assert.Equal(MqttClientConnectResultCode.Success, client.ConnectResult.ResultCode);
    }

    [Fact]
    public async Task The_operator_root_key_connects()
    {
        var operatorKeys = new IotKeys(NuageProcess.AccessKey, NuageProcess.SecretKey, "000000000000");
        await using var client = await MqttTestClient.ConnectOkAsync(fixture, operatorKeys);
    }

    [Fact]
    public async Task An_IAM_user_with_an_iot_Connect_policy_connects_and_one_without_is_not_authorized()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "connect-user");
        var allowed = await root.NewUserAsync(fixture, "device-app", IotKeys.Allow(("iot:Connect", $"arn:aws:iot:*:{root.AccountId}:client/app-*")));
        var bare = await root.NewUserAsync(fixture, "no-policy", policy: null);

        await using (var ok = await MqttTestClient.ConnectAsync(fixture, allowed, clientId: "app-1"))
        {
            Assert.Equal(MqttClientConnectResultCode.Success, ok.ConnectResult.ResultCode);
        }

        // The policy names client ids starting "app-": another id is refused, as is a user without any iot policy.
        await using var otherId = await MqttTestClient.ConnectAsync(fixture, allowed, clientId: "sensor-1");
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, otherId.ConnectResult.ResultCode);
        await using var v5 = await MqttTestClient.ConnectAsync(fixture, bare, clientId: "app-2");
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, v5.ConnectResult.ResultCode);
        await using var v311 = await MqttTestClient.ConnectAsync(fixture, bare, version: MqttProtocolVersion.V311, clientId: "app-3");
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, v311.ConnectResult.ResultCode);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task A_wrong_secret_is_bad_user_name_or_password(MqttProtocolVersion version)
    {
        var root = await IotKeys.NewAccountAsync(fixture, "connect-bad");
        await using var wrong = await MqttTestClient.ConnectAsync(fixture, root with { Secret = root.Secret + "x" }, version: version);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, wrong.ConnectResult.ResultCode);
        await using var unknown = await MqttTestClient.ConnectAsync(fixture, root with { AccessKeyId = "AKIANOSUCHKEY0000000" }, version: version);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, unknown.ConnectResult.ResultCode);
    }

    [Fact]
    public async Task A_deactivated_key_is_bad_user_name_or_password()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "connect-disabled");
        var user = await root.NewUserAsync(fixture, "retired", IotKeys.Allow(("iot:*", "*")));
        using (var admin = root.Account!.Admin(fixture))
        {
            (await admin.SendAsync(HttpMethod.Patch, $"/api/accounts/{root.Account.Name}/users/retired/keys/{user.AccessKeyId}", new { status = "Inactive" }))
                .Expect(System.Net.HttpStatusCode.OK);
        }

        await using var client = await MqttTestClient.ConnectAsync(fixture, user);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, client.ConnectResult.ResultCode);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task No_credentials_is_not_authorized(MqttProtocolVersion version)
    {
        await using var client = await MqttTestClient.ConnectAsync(fixture, keys: null, version: version);
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, client.ConnectResult.ResultCode);
    }

    [Fact]
    public async Task Mosquitto_clients_get_the_wire_codes_for_bad_and_missing_credentials()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "connect-mosquitto");
        var bad311 = await Mosquitto.PubAsync(fixture, root with { Secret = "wrong" }, "t", "x", "-V", "mqttv311");
        Assert.NotEqual(0, bad311.ExitCode);
        Assert.Contains("bad user name or password", bad311.Output, StringComparison.OrdinalIgnoreCase);
        var bad5 = await Mosquitto.PubAsync(fixture, root with { Secret = "wrong" }, "t", "x", "-V", "mqttv5");
        Assert.NotEqual(0, bad5.ExitCode);
        Assert.Contains("Bad User Name or Password", bad5.Output, StringComparison.OrdinalIgnoreCase);
        var none = await Mosquitto.PubAsync(fixture, keys: null, "t", "x", "-V", "mqttv311");
        Assert.NotEqual(0, none.ExitCode);
        Assert.Contains("not authorised", none.Output, StringComparison.OrdinalIgnoreCase);
    }
}
