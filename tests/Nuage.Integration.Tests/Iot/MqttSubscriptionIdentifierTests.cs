using MQTTnet;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// MQTT 5 Subscription Identifiers (§3.8.2.1.2, §3.3.4): a PUBLISH carries the identifiers of every subscription of
/// its receiver that matched it, and a persistent session's subscriptions keep theirs across a restart of the server
/// (docs/iot.md "Persistence").
/// </summary>
public sealed class MqttSubscriptionIdentifierTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Fact]
    public async Task A_message_carries_the_identifiers_of_the_subscriptions_it_matched()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "subid-live");
        await using var subscriber = await MqttTestClient.ConnectAsync(fixture, a, clientId: "subid-live");
        await subscriber.SubscribeOkAsync("sensors/#", 5);
        await subscriber.SubscribeOkAsync("sensors/+/temp", 9);
        await subscriber.SubscribeOkAsync("alerts/#");
        await using var sender = await MqttTestClient.ConnectAsync(fixture, a);

        await AssertIdentifiersAsync(sender, subscriber, "sensors/a/temp", 5, 9);
        await AssertIdentifiersAsync(sender, subscriber, "sensors/b/humidity", 5);
        await AssertIdentifiersAsync(sender, subscriber, "alerts/fire");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_persistent_sessions_subscriptions_keep_their_identifiers_across_a_restart(bool kill)
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        var server = await NuageProcess.StartAsync(directory);
        IotKeys a;
        MqttTestClient? device = null;
        try
        {
            a = await IotKeys.NewAccountAsync(server, "subid-restart");
            device = await MqttTestClient.ConnectAsync(server, a, clientId: "gateway-ids", configure: MqttTestClient.Persistent(3600));
            await device.SubscribeOkAsync("sensors/#", 5);
            await device.SubscribeOkAsync("sensors/+/temp", 9);
            await device.SubscribeOkAsync("alerts/#");
            if (!kill)
            {
                await device.DisposeAsync();
            }
        }
        finally
        {
            await server.EndAsync(kill);
            device?.Abort();
        }

        var restarted = await NuageProcess.StartAsync(directory);
        try
        {
            // Published while the session waits for its client after the restart: queued, then delivered on its return.
            await using (var early = await MqttTestClient.ConnectAsync(restarted, a))
            {
                Assert.True((await early.PublishAsync("sensors/c/temp", "queued")).IsSuccess);
            }

            await using var resumed = await MqttTestClient.ConnectAsync(restarted, a, clientId: "gateway-ids", configure: MqttTestClient.Persistent(3600));
            Assert.True(resumed.ConnectResult.IsSessionPresent);
            var queued = await resumed.NextFullAsync();
            Assert.Equal("sensors/c/temp", queued.Topic);
            Assert.Equal([5u, 9u], IdentifiersOf(queued));

            await using var sender = await MqttTestClient.ConnectAsync(restarted, a);
            await AssertIdentifiersAsync(sender, resumed, "sensors/a/temp", 5, 9);
            await AssertIdentifiersAsync(sender, resumed, "sensors/b/humidity", 5);
            await AssertIdentifiersAsync(sender, resumed, "alerts/fire");

            // §3.8.4: a SUBSCRIBE to a filter the session has replaces that subscription, identifier included.
            await resumed.SubscribeOkAsync("sensors/#", 11);
            await AssertIdentifiersAsync(sender, resumed, "sensors/a/temp", 9, 11);

            // An unsubscribed filter's identifier goes with it.
            Assert.Equal(MQTTnet.MqttClientUnsubscribeResultCode.Success, await resumed.UnsubscribeAsync("sensors/+/temp"));
            await AssertIdentifiersAsync(sender, resumed, "sensors/a/temp", 11);
            restarted.AssertNoErrors();
        }
        finally
        {
            Assert.Equal(0, await restarted.StopAsync());
            await restarted.DisposeAsync();
        }

        // The identifier of the subscription made after the first restart is the one stored.
        await using var third = await NuageProcess.StartAsync(directory);
        await using var again = await MqttTestClient.ConnectAsync(third, a, clientId: "gateway-ids", configure: MqttTestClient.Persistent(3600));
        Assert.True(again.ConnectResult.IsSessionPresent);
        // Its own acknowledged PUBLISH shows the broker is reading its packets, so its subscriptions are back (they are
        // restored after CONNACK, before the client's first packet is read).
        Assert.True((await again.PublishAsync("status/gateway-ids", "back")).IsSuccess);
        await using var last = await MqttTestClient.ConnectAsync(third, a);
        await AssertIdentifiersAsync(last, again, "sensors/a/temp", 11);
        await AssertIdentifiersAsync(last, again, "alerts/fire");
        third.AssertNoErrors();
    }

    [Fact]
    public async Task A_member_of_a_share_keeps_its_identifier_across_a_restart()
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        IotKeys a;
        await using (var server = await NuageProcess.StartAsync(directory))
        {
            a = await IotKeys.NewAccountAsync(server, "subid-share");
            await using var worker = await MqttTestClient.ConnectAsync(server, a, clientId: "worker-ids", configure: MqttTestClient.Persistent(3600));
            await worker.SubscribeOkAsync("$share/workers/jobs/#", 7);
            await worker.SubscribeOkAsync("status/#", 3);
            await using var sender = await MqttTestClient.ConnectAsync(server, a);
            await AssertIdentifiersAsync(sender, worker, "jobs/1", 7);
            await worker.DisposeAsync();
            Assert.Equal(0, await server.StopAsync());
        }

        await using var restarted = await NuageProcess.StartAsync(directory);
        await using var resumed = await MqttTestClient.ConnectAsync(restarted, a, clientId: "worker-ids", configure: MqttTestClient.Persistent(3600));
        Assert.True(resumed.ConnectResult.IsSessionPresent);
        // Its own acknowledged PUBLISH shows its subscriptions are back (restored before its first packet is read).
        Assert.True((await resumed.PublishAsync("presence/worker-ids", "back")).IsSuccess);
        await using var again = await MqttTestClient.ConnectAsync(restarted, a);
        await AssertIdentifiersAsync(again, resumed, "jobs/2", 7);
        await AssertIdentifiersAsync(again, resumed, "status/x", 3);

        // The member subscribes to its share again with a new identifier: that one replaces the stored one (§3.8.4).
        await resumed.SubscribeOkAsync("$share/workers/jobs/#", 8);
        await AssertIdentifiersAsync(again, resumed, "jobs/3", 8);
        restarted.AssertNoErrors();
    }

    [Fact]
    public async Task A_subscription_refused_when_its_session_resumes_lends_no_identifier()
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        IotKeys device;
        await using (var server = await NuageProcess.StartAsync(directory))
        {
            var a = await IotKeys.NewAccountAsync(server, "subid-refused");
            device = await a.NewUserAsync(server, "gateway", IotKeys.AllowTopics(a.AccountId, "*"));
            await using var gateway = await MqttTestClient.ConnectAsync(server, device, clientId: "gateway-refused", configure: MqttTestClient.Persistent(3600));
            await gateway.SubscribeOkAsync("sensors/#", 5);
            await gateway.SubscribeOkAsync("sensors/secret/#", 9);
            await using var sender = await MqttTestClient.ConnectAsync(server, device);
            await AssertIdentifiersAsync(sender, gateway, "sensors/secret/key", 5, 9);
            await gateway.DisposeAsync();

            // While the session waits, its user loses the right to subscribe to sensors/secret/#: an explicit Deny.
            var arn = $"arn:aws:iot:*:{a.AccountId}";
            await a.PutUserPolicyAsync(server, "gateway",
                "{\"Version\":\"2012-10-17\",\"Statement\":["
                + $"{{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"}},"
                + $"{{\"Effect\":\"Deny\",\"Action\":\"iot:Subscribe\",\"Resource\":\"{arn}:topicfilter/sensors/secret/#\"}}]}}");
            Assert.Equal(0, await server.StopAsync());
        }

        await using var restarted = await NuageProcess.StartAsync(directory);
        await using var resumed = await MqttTestClient.ConnectAsync(restarted, device, clientId: "gateway-refused", configure: MqttTestClient.Persistent(3600));
        Assert.True(resumed.ConnectResult.IsSessionPresent);
        Assert.True((await resumed.PublishAsync("status/gateway-refused", "back")).IsSuccess);
        await using var again = await MqttTestClient.ConnectAsync(restarted, device);

        // The message still arrives through sensors/#, without the identifier of the subscription that was not restored.
        await AssertIdentifiersAsync(again, resumed, "sensors/secret/key", 5);
        await AssertIdentifiersAsync(again, resumed, "sensors/a/temp", 5);
        Assert.Equal(MQTTnet.MqttClientSubscribeResultCode.NotAuthorized, await resumed.SubscribeAsync("sensors/secret/#"));
    }

    private static async Task AssertIdentifiersAsync(MqttTestClient sender, MqttTestClient receiver, string topic, params uint[] expected)
    {
        Assert.True((await sender.PublishAsync(topic, "reading")).IsSuccess);
        var message = await receiver.NextFullAsync();
        Assert.Equal(topic, message.Topic);
        Assert.Equal(expected, IdentifiersOf(message));
    }

    private static uint[] IdentifiersOf(MqttApplicationMessage message) => [.. (message.SubscriptionIdentifiers ?? []).Order()];
}
