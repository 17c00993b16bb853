using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// IAM users get exactly what their iot policy grants (docs/iot.md "Authorization"): iot:Publish on topic ARNs,
/// iot:Subscribe on topicfilter ARNs, iot:Receive on each delivery, iot:RetainPublish for retained messages.
/// </summary>
public sealed class MqttAuthorizationTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Fact]
    public async Task A_denied_publish_gets_NotAuthorized_and_reaches_nobody()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "authz-pub");
        var arn = $"arn:aws:iot:*:{root.AccountId}";
        var user = await root.NewUserAsync(fixture, "publisher", IotKeys.Allow(
            ("iot:Connect", "*"), ("iot:Publish", $"{arn}:topic/allowed/*")));
        await using var watcher = await MqttTestClient.ConnectOkAsync(fixture, root);
        await watcher.SubscribeOkAsync("#");
        await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, user);

        var denied = await publisher.PublishAsync("forbidden/x", "no");
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, denied.ReasonCode);
        // QoS 0 has no answer: the message is dropped, as AWS IoT Core does.
        await publisher.PublishAsync("forbidden/y", "no", MqttQualityOfServiceLevel.AtMostOnce);
        var allowed = await publisher.PublishAsync("allowed/x", "yes");
        Assert.True(allowed.IsSuccess, $"allowed publish: {allowed.ReasonCode}");

        Assert.Equal(new ReceivedMessage("allowed/x", "yes", false, 1), await watcher.NextAsync());
        await watcher.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task A_denied_subscribe_gets_a_SUBACK_failure_in_both_protocol_versions()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "authz-sub");
        var user = await root.NewUserAsync(fixture, "subscriber", IotKeys.Allow(
            ("iot:Connect", "*"), ("iot:Subscribe", $"arn:aws:iot:*:{root.AccountId}:topicfilter/telemetry/*"), ("iot:Receive", "*")));
        await using var v5 = await MqttTestClient.ConnectOkAsync(fixture, user);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await v5.SubscribeAsync("#"));
        await v5.SubscribeOkAsync("telemetry/+");

        // MQTT 3.1.1 has one failure code, 0x80 (§3.9.3).
        await using var v311 = await MqttTestClient.ConnectOkAsync(fixture, user, version: MqttProtocolVersion.V311);
        Assert.Equal(MqttClientSubscribeResultCode.UnspecifiedError, await v311.SubscribeAsync("#"));
    }

    [Fact]
    public async Task Receive_is_decided_per_message()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "authz-receive");
        var arn = $"arn:aws:iot:*:{root.AccountId}";
        var user = await root.NewUserAsync(fixture, "reader", IotKeys.Allow(
            ("iot:Connect", "*"), ("iot:Subscribe", "*"), ("iot:Publish", $"{arn}:topic/control/*"),
            ("iot:Receive", $"{arn}:topic/public/*"), ("iot:Receive", $"{arn}:topic/control/*")));
        await using var reader = await MqttTestClient.ConnectOkAsync(fixture, user);
        await reader.SubscribeOkAsync("#");
        await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, root);

        Assert.True((await publisher.PublishAsync("private/salary", "hidden")).IsSuccess);
        Assert.True((await publisher.PublishAsync("public/news", "shown")).IsSuccess);
        Assert.Equal(new ReceivedMessage("public/news", "shown", false, 1), await reader.NextAsync());
        await reader.AssertNothingElseArrivesAsync();
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task A_key_deactivated_while_connected_closes_the_connection_and_its_next_connect_is_refused(MqttProtocolVersion version)
    {
        var root = await IotKeys.NewAccountAsync(fixture, "authz-revoke");
        var user = await root.NewUserAsync(fixture, "revoked", IotKeys.Allow(("iot:*", "*")));
        var colleague = await root.NewUserAsync(fixture, "colleague", IotKeys.Allow(("iot:*", "*")));
        await using var client = await MqttTestClient.ConnectAsync(fixture, user, version: version);
        Assert.Equal(MqttClientConnectResultCode.Success, client.ConnectResult.ResultCode);
        await client.SubscribeOkAsync("news/#");
        Assert.True((await client.PublishAsync("news/1", "before")).IsSuccess);
        Assert.Equal("before", (await client.NextAsync()).Payload);
        await using var bystander = await MqttTestClient.ConnectOkAsync(fixture, colleague);

        using (var admin = root.Account!.Admin(fixture))
        {
            (await admin.SendAsync(HttpMethod.Patch, $"/api/accounts/{root.Account.Name}/users/revoked/keys/{user.AccessKeyId}", new { status = "Inactive" }))
                .Expect(System.Net.HttpStatusCode.OK);
        }

        // MQTT 5: DISCONNECT 0x87 (§3.14.2.1). MQTT 3.1.1 has no server DISCONNECT: the connection just ends.
        var reason = await client.ClosedByServerAsync();
        if (version == MqttProtocolVersion.V500)
        {
            Assert.Equal(MqttClientDisconnectReason.NotAuthorized, reason);
        }

        await using var again = await MqttTestClient.ConnectAsync(fixture, user, version: version);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, again.ConnectResult.ResultCode);

        // Another key of the same account is untouched.
        Assert.True((await bystander.PublishAsync("news/2", "still open")).IsSuccess);
        Assert.True(bystander.IsConnected);
    }

    [Fact]
    public async Task Deleting_a_key_or_its_user_closes_the_connections_made_with_it()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "authz-delete");
        var keyHolder = await root.NewUserAsync(fixture, "key-holder", IotKeys.Allow(("iot:*", "*")));
        var leaver = await root.NewUserAsync(fixture, "leaver", IotKeys.Allow(("iot:*", "*")));
        await using var byKey = await MqttTestClient.ConnectOkAsync(fixture, keyHolder);
        await using var byUser = await MqttTestClient.ConnectOkAsync(fixture, leaver);
        using var admin = root.Account!.Admin(fixture);
        var users = $"/api/accounts/{root.Account.Name}/users";

        (await admin.DeleteAsync($"{users}/key-holder/keys/{keyHolder.AccessKeyId}")).Expect(System.Net.HttpStatusCode.NoContent);
        Assert.Equal(MqttClientDisconnectReason.NotAuthorized, await byKey.ClosedByServerAsync());
        Assert.True(byUser.IsConnected);

        // The user goes with its key and policy in one change (?force=true): the key is not deleted on its own first.
        (await admin.DeleteAsync($"{users}/leaver?force=true")).Expect(System.Net.HttpStatusCode.NoContent);
        Assert.Equal(MqttClientDisconnectReason.NotAuthorized, await byUser.ClosedByServerAsync());
    }

    [Fact]
    public async Task An_application_policy_names_the_connection_s_own_topics_with_the_iot_ClientId_variable()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "authz-clientid");
        var user = await root.NewUserAsync(fixture, "per-client", IotKeys.AllowTopics(root.AccountId, "clients/${iot:ClientId}/*"));

        await using var alpha = await MqttTestClient.ConnectOkAsync(fixture, user, clientId: "alpha");
        await alpha.SubscribeOkAsync("clients/alpha/#");
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await alpha.SubscribeAsync("clients/beta/#"));
        Assert.True((await alpha.PublishAsync("clients/alpha/state", "mine")).IsSuccess);
        Assert.Equal(new ReceivedMessage("clients/alpha/state", "mine", false, 1), await alpha.NextAsync());
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await alpha.PublishAsync("clients/beta/state", "theirs")).ReasonCode);

        // The same key under another client id gets that id's topics instead.
        await using var beta = await MqttTestClient.ConnectOkAsync(fixture, user, clientId: "beta");
        Assert.True((await beta.PublishAsync("clients/beta/state", "b")).IsSuccess);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await beta.PublishAsync("clients/alpha/state", "x")).ReasonCode);
    }

    [Fact]
    public async Task A_retained_publish_needs_iot_RetainPublish_too()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "authz-retain");
        var arn = $"arn:aws:iot:*:{root.AccountId}";
        var user = await root.NewUserAsync(fixture, "no-retain", IotKeys.Allow(("iot:Connect", "*"), ("iot:Publish", $"{arn}:topic/*")));
        await using var client = await MqttTestClient.ConnectOkAsync(fixture, user);
        Assert.True((await client.PublishAsync("plain", "ok")).IsSuccess);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await client.PublishAsync("sticky", "no", retain: true)).ReasonCode);
    }

    [Fact]
    public async Task A_will_the_client_may_not_publish_refuses_the_connect_and_an_allowed_one_is_delivered()
    {
        var root = await IotKeys.NewAccountAsync(fixture, "authz-will");
        var arn = $"arn:aws:iot:*:{root.AccountId}";
        var user = await root.NewUserAsync(fixture, "willing", IotKeys.Allow(("iot:Connect", "*"), ("iot:Publish", $"{arn}:topic/wills/*")));

        await using var refused = await MqttTestClient.ConnectAsync(fixture, user, configure: o => o.WithWillTopic("alarms/gone").WithWillPayload("bye"));
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, refused.ConnectResult.ResultCode);

        await using var watcher = await MqttTestClient.ConnectOkAsync(fixture, root);
        await watcher.SubscribeOkAsync("wills/#");
        var leaving = await MqttTestClient.ConnectAsync(fixture, user, configure: o => o.WithWillTopic("wills/sensor").WithWillPayload("bye"));
        Assert.Equal(MqttClientConnectResultCode.Success, leaving.ConnectResult.ResultCode);

        // A connection lost without DISCONNECT sends the will (MQTT 5 §3.1.2.5).
        leaving.Abort();
        Assert.Equal(new ReceivedMessage("wills/sensor", "bye", false, 0), await watcher.NextAsync());
    }
}
