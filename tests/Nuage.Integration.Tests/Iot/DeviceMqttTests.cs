using System.Net;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Nuage.Integration.Tests.Access;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// Devices of the registry over MQTT against the real server (docs/iot-devices.md): a thing connects with its
/// credential and its name as client id, and may use its own topics, what its IoT policies grant, and nothing of
/// another thing or another account.
/// </summary>
public sealed class DeviceMqttTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Fact]
    public async Task A_device_connects_as_its_thing_and_uses_its_own_topics_only()
    {
        var account = await TestAccount.CreateAsync(fixture, "dev-own");
        var lamp = await IotDevice.RegisterAsync(fixture, account, "lamp-1");
        await using var client = await lamp.ConnectOkAsync(fixture);

        await client.SubscribeOkAsync("things/lamp-1/#");
        Assert.True((await client.PublishAsync("things/lamp-1/state", "on")).IsSuccess);
        Assert.Equal(new ReceivedMessage("things/lamp-1/state", "on", false, 1), await client.NextAsync());

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await client.PublishAsync("sensors/kitchen", "x")).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await client.PublishAsync("things/lamp-1", "x")).ReasonCode);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await client.SubscribeAsync("#"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await client.SubscribeAsync("things/+/state"));
    }

    [Fact]
    public async Task A_device_connects_over_websocket_too()
    {
        var account = await TestAccount.CreateAsync(fixture, "dev-ws");
        var lamp = await IotDevice.RegisterAsync(fixture, account, "lamp-ws");
        await using var client = await MqttTestClient.ConnectAsync(fixture, lamp.Keys, MqttTransport.WebSocket, clientId: "lamp-ws");
        Assert.Equal(MqttClientConnectResultCode.Success, client.ConnectResult.ResultCode);
        await client.SubscribeOkAsync("things/lamp-ws/#");
        Assert.True((await client.PublishAsync("things/lamp-ws/state", "ws")).IsSuccess);
        Assert.Equal(new ReceivedMessage("things/lamp-ws/state", "ws", false, 1), await client.NextAsync());
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await client.PublishAsync("things/lamp-1/state", "x")).ReasonCode);
    }

    [Fact]
    public async Task Connect_is_refused_for_another_client_id_and_for_bad_credentials_in_both_versions()
    {
        var account = await TestAccount.CreateAsync(fixture, "dev-connect");
        var lamp = await IotDevice.RegisterAsync(fixture, account, "lamp-1");
        await IotDevice.RegisterAsync(fixture, account, "lamp-2");

        // MQTT 5 §3.2.2.2: 0x87 Not authorized when the identity may not use this client id; 3.1.1: 0x05.
        await using (var other = await MqttTestClient.ConnectAsync(fixture, lamp.Keys, clientId: "lamp-2"))
        {
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, other.ConnectResult.ResultCode);
        }

        await using (var other311 = await MqttTestClient.ConnectAsync(fixture, lamp.Keys, version: MqttProtocolVersion.V311, clientId: "lamp-2"))
        {
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, other311.ConnectResult.ResultCode);
        }

        // 0x86 Bad User Name or Password (3.1.1: 0x04): a wrong token, an unknown credential id.
        await using (var wrong = await MqttTestClient.ConnectAsync(fixture, lamp.Keys with { Secret = lamp.Token + "x" }, clientId: "lamp-1"))
        {
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, wrong.ConnectResult.ResultCode);
        }

        await using (var unknown = await MqttTestClient.ConnectAsync(fixture, lamp.Keys with { AccessKeyId = "dev_" + new string('0', 32) }, version: MqttProtocolVersion.V311, clientId: "lamp-1"))
        {
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, unknown.ConnectResult.ResultCode);
        }
    }

    [Fact]
    public async Task Two_devices_in_two_accounts_see_only_what_is_theirs()
    {
        var a = await TestAccount.CreateAsync(fixture, "dev-matrix-a");
        var b = await TestAccount.CreateAsync(fixture, "dev-matrix-b");
        var a1 = await IotDevice.RegisterAsync(fixture, a, "lamp-1");
        var a2 = await IotDevice.RegisterAsync(fixture, a, "lamp-2");
        var b1 = await IotDevice.RegisterAsync(fixture, b, "lamp-1"); // the same thing name, in another account

        // lamp-1 of account A may subscribe to "#" (a policy grants that filter), so what reaches it is decided per
        // message by iot:Receive: its own topics only.
        using (var admin = a.Admin(fixture))
        {
            (await admin.PostAsync($"/api/iot/accounts/{a.Name}/policies", new
            {
                policyName = "everything-filter",
                policyDocument = IotKeys.Allow(("iot:Subscribe", $"arn:aws:iot:*:{a.Id}:topicfilter/#")),
            })).Expect(HttpStatusCode.Created);
            (await admin.PutAsync($"/api/iot/accounts/{a.Name}/policies/everything-filter/things/lamp-1")).Expect(HttpStatusCode.OK);
        }

        await using var watcherA1 = await a1.ConnectOkAsync(fixture);
        await watcherA1.SubscribeOkAsync("#");
        await using var clientA2 = await a2.ConnectOkAsync(fixture);
        await using var clientB1 = await b1.ConnectOkAsync(fixture);
        await using var rootA = await MqttTestClient.ConnectOkAsync(fixture, new IotKeys(a.AccessKey, a.SecretKey, a.Id));

        // Another thing's topics: refused to publish and to subscribe.
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await clientA2.PublishAsync("things/lamp-1/state", "forged")).ReasonCode);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await clientA2.SubscribeAsync("things/lamp-1/#"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await clientA2.SubscribeAsync("#"));

        // Delivered elsewhere but never to A's lamp-1: lamp-2's own topic, and B's lamp-1 on "its" things/lamp-1.
        Assert.True((await clientA2.PublishAsync("things/lamp-2/state", "a2")).IsSuccess);
        Assert.True((await clientB1.PublishAsync("things/lamp-1/state", "b1")).IsSuccess);
        Assert.True((await rootA.PublishAsync("news/all", "root")).IsSuccess);

        // Delivered to A's lamp-1: its account's root commanding it, and its own message.
        Assert.True((await rootA.PublishAsync("things/lamp-1/command", "blink")).IsSuccess);
        Assert.Equal(new ReceivedMessage("things/lamp-1/command", "blink", false, 1), await watcherA1.NextAsync());
        var control = "things/lamp-1/control/" + Guid.NewGuid().ToString("N");
        Assert.True((await watcherA1.PublishAsync(control, "control")).IsSuccess);
        var next = await watcherA1.NextAsync();
        Assert.True(next.Topic == control, $"A's lamp-1 received {next} before its own control message.");
    }

    [Fact]
    public async Task A_policy_on_a_group_grants_a_fleet_topic_with_the_thing_name_variable_and_mosquitto_uses_it()
    {
        var account = await TestAccount.CreateAsync(fixture, "dev-policy");
        var lamp = await IotDevice.RegisterAsync(fixture, account, "lamp-7");
        using (var admin = account.Admin(fixture))
        {
            (await admin.PostAsync($"/api/iot/accounts/{account.Name}/thing-groups", new { thingGroupName = "lamps" })).Expect(HttpStatusCode.Created);
            (await admin.PutAsync($"/api/iot/accounts/{account.Name}/thing-groups/lamps/things/lamp-7")).Expect(HttpStatusCode.OK);
            (await admin.PostAsync($"/api/iot/accounts/{account.Name}/policies", new
            {
                policyName = "fleet-status",
                policyDocument = IotKeys.Allow(("iot:Publish", $"arn:aws:iot:*:{account.Id}:topic/fleet/${{iot:Connection.Thing.ThingName}}/status")),
            })).Expect(HttpStatusCode.Created);
            (await admin.PutAsync($"/api/iot/accounts/{account.Name}/policies/fleet-status/thing-groups/lamps")).Expect(HttpStatusCode.OK);
        }

        await using var root = await MqttTestClient.ConnectOkAsync(fixture, new IotKeys(account.AccessKey, account.SecretKey, account.Id));
        await root.SubscribeOkAsync("fleet/#");

        // The granted topic, with the device's own name substituted; another thing's fleet topic is not granted:
        // refused (PUBACK 0x87 under MQTT 5), not delivered.
        await using (var device = await lamp.ConnectOkAsync(fixture))
        {
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await device.PublishAsync("fleet/lamp-8/status", "forged")).ReasonCode);
            Assert.True((await device.PublishAsync("fleet/lamp-7/status", "again")).IsSuccess);
            Assert.Equal(new ReceivedMessage("fleet/lamp-7/status", "again", false, 1), await root.NextAsync());
        }

        // The same from mosquitto_pub as the device.
        (await Mosquitto.PubAsync(fixture, lamp.Keys, "fleet/lamp-7/status", "ok", "-i", "lamp-7", "-q", "1")).AssertSuccess();
        Assert.Equal(new ReceivedMessage("fleet/lamp-7/status", "ok", false, 1), await root.NextAsync());

        // mosquitto_sub as the device on its own topics receives its commands.
        var sub = Mosquitto.SubAsync(fixture, lamp.Keys, "things/lamp-7/#", 1, "-i", "lamp-7-sub");
        var subAsDevice = Mosquitto.SubAsync(fixture, lamp.Keys, "things/lamp-7/#", 1, "-i", "lamp-7");
        // Published until mosquitto_sub has it: it may not have subscribed yet when the first copy goes out.
        while (!subAsDevice.IsCompleted)
        {
            Assert.True((await root.PublishAsync("things/lamp-7/command", "dim")).IsSuccess);
            await Task.WhenAny(subAsDevice, Task.Delay(100));
        }

        var refused = await sub;
        Assert.NotEqual(0, refused.ExitCode); // client id lamp-7-sub is not the thing's name
        var received = (await subAsDevice).AssertSuccess();
        received.Assert(received.StandardOutput.Trim() == "things/lamp-7/command dim", "mosquitto_sub prints the command");
        refused.Assert(refused.StandardOutput.Length == 0, "the refused subscriber received nothing");
    }

    [Fact]
    public async Task A_policy_reads_the_thing_s_attributes_and_type_and_follows_an_update_of_them()
    {
        var account = await TestAccount.CreateAsync(fixture, "dev-attrs");
        using var admin = account.Admin(fixture);
        var things = $"/api/iot/accounts/{account.Name}/things";
        (await admin.PostAsync(things, new { thingName = "meter-1", thingTypeName = "meter", attributes = new { site = "paris" } })).Expect(HttpStatusCode.Created);
        (await admin.PostAsync(things, new { thingName = "lamp-1", attributes = new { site = "paris" } })).Expect(HttpStatusCode.Created);
        var meter = await IotDevice.WithCredentialAsync(fixture, account, "meter-1");
        var lamp = await IotDevice.WithCredentialAsync(fixture, account, "lamp-1");

        // One policy for the whole fleet: publish under the thing's own site, for meters only, attached devices only.
        var policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\","
            + $"\"Resource\":\"arn:aws:iot:*:{account.Id}:topic/sites/${{iot:Connection.Thing.Attributes[site]}}/*\","
            + "\"Condition\":{\"StringEquals\":{\"iot:Connection.Thing.ThingTypeName\":\"meter\"},"
            + "\"Bool\":{\"iot:Connection.Thing.IsAttached\":\"true\"}}}]}";
        (await admin.PostAsync($"/api/iot/accounts/{account.Name}/policies", new { policyName = "sites", policyDocument = policy })).Expect(HttpStatusCode.Created);
        (await admin.PutAsync($"/api/iot/accounts/{account.Name}/policies/sites/things/meter-1")).Expect(HttpStatusCode.OK);
        (await admin.PutAsync($"/api/iot/accounts/{account.Name}/policies/sites/things/lamp-1")).Expect(HttpStatusCode.OK);

        await using var device = await meter.ConnectOkAsync(fixture);
        Assert.True((await device.PublishAsync("sites/paris/energy", "12")).IsSuccess);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await device.PublishAsync("sites/lyon/energy", "12")).ReasonCode);

        // A lamp has the attribute but not the type: the condition leaves it out.
        await using (var other = await lamp.ConnectOkAsync(fixture))
        {
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await other.PublishAsync("sites/paris/energy", "1")).ReasonCode);
        }

        // The meter moves: its next publish is judged with the new attribute, on the same connection.
        (await admin.SendAsync(HttpMethod.Patch, $"{things}/meter-1", new { attributes = new { site = "lyon" } })).Expect(HttpStatusCode.OK);
        Assert.True((await device.PublishAsync("sites/lyon/energy", "13")).IsSuccess);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await device.PublishAsync("sites/paris/energy", "13")).ReasonCode);
    }

    [Fact]
    public async Task Disabled_rotated_and_deleted_credentials_close_the_open_connection_and_are_refused_after()
    {
        var account = await TestAccount.CreateAsync(fixture, "dev-revoke");
        var lamp = await IotDevice.RegisterAsync(fixture, account, "lamp-1");
        using var admin = account.Admin(fixture);
        var credentials = $"/api/iot/accounts/{account.Name}/credentials/{lamp.CredentialId}";

        await using (var open = await lamp.ConnectOkAsync(fixture))
        {
            Assert.True((await open.PublishAsync("things/lamp-1/state", "before")).IsSuccess);
            (await admin.PostAsync(credentials + "/disable")).Expect(HttpStatusCode.OK);
            await AssertClosedAsync(open);
        }

        await using (var disabled = await lamp.ConnectAsync(fixture))
        {
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, disabled.ConnectResult.ResultCode);
        }

        // mosquitto_pub speaks MQTT 3.1.1 by default: CONNACK 0x04.
        var refused = await Mosquitto.PubAsync(fixture, lamp.Keys, "things/lamp-1/state", "x", "-i", "lamp-1");
        Assert.NotEqual(0, refused.ExitCode);
        refused.Assert(refused.Output.Contains("bad user name or password", StringComparison.OrdinalIgnoreCase), "mosquitto_pub reports the refused credentials");

        // Enabled again, then rotated: the connection on the old credential closes, the old token is refused, the new one works.
        (await admin.PostAsync(credentials + "/enable")).Expect(HttpStatusCode.OK);
        var oldLamp = lamp;
        await using (var beforeRotation = await lamp.ConnectOkAsync(fixture))
        {
            var rotated = (await admin.PostAsync(credentials + "/rotate")).Expect(HttpStatusCode.Created);
            await AssertClosedAsync(beforeRotation);
            lamp = lamp with { CredentialId = rotated.String("credentialId"), Token = rotated.String("token") };
        }

        await using (var old = await oldLamp.ConnectAsync(fixture, MqttProtocolVersion.V311))
        {
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, old.ConnectResult.ResultCode);
        }

        await using var current = await lamp.ConnectOkAsync(fixture);
        Assert.True((await current.PublishAsync("things/lamp-1/state", "renewed")).IsSuccess);

        // Deleting the thing takes its credentials with it: the open connection closes, and CONNECT is refused.
        (await admin.DeleteAsync($"/api/iot/accounts/{account.Name}/things/lamp-1")).Expect(HttpStatusCode.NoContent);
        await AssertClosedAsync(current);
        await using (var gone = await lamp.ConnectAsync(fixture))
        {
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, gone.ConnectResult.ResultCode);
        }

        (await admin.GetAsync($"/api/iot/accounts/{account.Name}/things/lamp-1/credentials")).ExpectError(HttpStatusCode.NotFound, "NoSuchEntity");
    }

    [Fact]
    public async Task A_rotated_out_token_is_refused()
    {
        var account = await TestAccount.CreateAsync(fixture, "dev-rotate");
        var lamp = await IotDevice.RegisterAsync(fixture, account, "lamp-1");
        using var admin = account.Admin(fixture);
        var rotated = (await admin.PostAsync($"/api/iot/accounts/{account.Name}/credentials/{lamp.CredentialId}/rotate")).Expect(HttpStatusCode.Created);

        await using (var old = await lamp.ConnectAsync(fixture, MqttProtocolVersion.V311))
        {
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, old.ConnectResult.ResultCode);
        }

        await using var renewed = await (lamp with { CredentialId = rotated.String("credentialId"), Token = rotated.String("token") }).ConnectOkAsync(fixture);
        Assert.True((await renewed.PublishAsync("things/lamp-1/state", "renewed")).IsSuccess);
    }

    /// <summary>The broker closes the connection with DISCONNECT 0x87 Not authorized (MQTT 5) within the client's timeout.</summary>
    private static async Task AssertClosedAsync(MqttTestClient client) =>
        Assert.Equal(MqttClientDisconnectReason.NotAuthorized, await client.ClosedByServerAsync());

    [Fact]
    public async Task The_admin_api_refuses_bad_input_and_other_accounts_with_json_errors()
    {
        var account = await TestAccount.CreateAsync(fixture, "dev-admin");
        var other = await TestAccount.CreateAsync(fixture, "dev-admin-other");
        using var admin = account.Admin(fixture);
        var things = $"/api/iot/accounts/{account.Name}/things";

        (await admin.PostAsync(things, new { thingName = "bad name" })).ExpectError(HttpStatusCode.BadRequest, "InvalidInput");
        (await admin.PostAsync(things, new { thingName = "ok", attributes = new { a = "1", b = "2", c = "3", d = "4" } })).ExpectError(HttpStatusCode.BadRequest, "InvalidInput");
        (await admin.PostAsync(things, new { thingName = "ok", attributes = new { a = 1 } })).ExpectError(HttpStatusCode.BadRequest, "InvalidInput");
        (await admin.PostAsync(things, new { })).ExpectError(HttpStatusCode.BadRequest, "InvalidInput");
        var created = (await admin.PostAsync(things, new { thingName = "ok", thingTypeName = "lamp", attributes = new { room = "hall" } })).Expect(HttpStatusCode.Created);
        Assert.Equal($"arn:aws:iot:", created.String("thingArn")[..12]);
        (await admin.PostAsync(things, new { thingName = "ok" })).ExpectError(HttpStatusCode.Conflict, "EntityAlreadyExists");
        (await admin.PostAsync($"/api/iot/accounts/{account.Name}/policies", new { policyName = "s3", policyDocument = IotKeys.Allow(("s3:GetObject", "*")) }))
            .ExpectError(HttpStatusCode.BadRequest, "MalformedPolicyDocument");
        (await admin.GetAsync(things + "/missing")).ExpectError(HttpStatusCode.NotFound, "NoSuchEntity");

        // An IAM user of the account gets what its policy allows on the registry's ARNs, and nothing more.
        var rootKeys = new IotKeys(account.AccessKey, account.SecretKey, account.Id) { Account = account };
        var reader = await rootKeys.NewUserAsync(fixture, "registry-reader", IotKeys.Allow(("admin:ListThings", $"arn:aws:iot:*:{account.Id}:thing/*")));
        using (var asReader = new Nuage.Integration.Tests.Admin.AdminApi(fixture.ConsoleEndpoint, reader.AccessKeyId, reader.Secret))
        {
            (await asReader.GetAsync(things)).Expect(HttpStatusCode.OK);
            (await asReader.PostAsync(things, new { thingName = "by-reader" })).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");
            (await asReader.GetAsync(things + "/ok")).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");
        }

        // Another account's root manages its own registry only.
        using var intruder = other.Admin(fixture);
        (await intruder.GetAsync(things)).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");
        (await intruder.PostAsync(things + "/ok/credentials")).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");
    }

    [Fact]
    public async Task Deleting_an_account_closes_its_devices_and_applications_connections_and_no_other()
    {
        var account = await TestAccount.CreateAsync(fixture, "dev-gone");
        var lamp = await IotDevice.RegisterAsync(fixture, account, "lamp-1");
        var neighbour = await TestAccount.CreateAsync(fixture, "dev-stays");
        var neighbourLamp = await IotDevice.RegisterAsync(fixture, neighbour, "lamp-1");
        await using var open = await lamp.ConnectOkAsync(fixture);
        Assert.True((await open.PublishAsync("things/lamp-1/state", "before")).IsSuccess);
        await using var application = await MqttTestClient.ConnectOkAsync(fixture, new IotKeys(account.AccessKey, account.SecretKey, account.Id));
        await using var other = await neighbourLamp.ConnectOkAsync(fixture);

        using (var operatorApi = Nuage.Integration.Tests.Admin.AdminApi.AsOperator(fixture.ConsoleEndpoint))
        {
            (await operatorApi.DeleteAsync($"/api/accounts/{account.Name}")).Expect(HttpStatusCode.NoContent);
        }

        await AssertClosedAsync(open);
        Assert.Equal(MqttClientDisconnectReason.NotAuthorized, await application.ClosedByServerAsync());
        await using var again = await lamp.ConnectAsync(fixture);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, again.ConnectResult.ResultCode);

        // The same thing name in another account is another device: it stays connected and keeps working.
        Assert.True((await other.PublishAsync("things/lamp-1/state", "still here")).IsSuccess);
        Assert.True(other.IsConnected);
    }
}
