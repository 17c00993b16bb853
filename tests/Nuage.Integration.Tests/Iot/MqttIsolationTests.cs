using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// Accounts are isolated completely (docs/iot.md "Isolation"): two accounts using the same topics, '#', retained
/// messages, shared subscriptions and the same client ids never see each other. Each test shows the message DOES
/// arrive inside its account, then that nothing else arrived on the other account's connection
/// (<see cref="MqttTestClient.AssertNothingElseArrivesAsync"/>), so a broker that delivered nothing would fail too.
/// </summary>
public sealed class MqttIsolationTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Theory]
    [InlineData(MqttTransport.Tcp, MqttProtocolVersion.V500)]
    [InlineData(MqttTransport.Tcp, MqttProtocolVersion.V311)]
    [InlineData(MqttTransport.WebSocket, MqttProtocolVersion.V500)]
    public async Task Two_accounts_on_the_same_topics_and_hash_never_see_each_other(MqttTransport transport, MqttProtocolVersion version)
    {
        var a = await IotKeys.NewAccountAsync(fixture, "iso-a");
        var b = await IotKeys.NewAccountAsync(fixture, "iso-b");
        await using var subA = await MqttTestClient.ConnectOkAsync(fixture, a, transport, version);
        await using var subB = await MqttTestClient.ConnectOkAsync(fixture, b, transport, version);
        await using var pubA = await MqttTestClient.ConnectOkAsync(fixture, a, transport, version);
        await using var pubB = await MqttTestClient.ConnectOkAsync(fixture, b, transport, version);
        await subA.SubscribeOkAsync("#");
        await subB.SubscribeOkAsync("#");
        await subB.SubscribeOkAsync("home/+/door");

        Assert.True((await pubA.PublishAsync("home/front/door", "A opened")).IsSuccess);
        Assert.Equal(new ReceivedMessage("home/front/door", "A opened", false, 1), await subA.NextAsync());
        Assert.True((await pubB.PublishAsync("home/front/door", "B opened")).IsSuccess);
        Assert.Equal(new ReceivedMessage("home/front/door", "B opened", false, 1), await subB.NextAsync());

        await subA.AssertNothingElseArrivesAsync();
        await subB.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task Retained_messages_stay_in_their_account()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "iso-ret-a");
        var b = await IotKeys.NewAccountAsync(fixture, "iso-ret-b");
        await using (var pubA = await MqttTestClient.ConnectOkAsync(fixture, a))
        {
            Assert.True((await pubA.PublishAsync("status/gateway", "A online", retain: true)).IsSuccess);
        }

        await using var subA = await MqttTestClient.ConnectOkAsync(fixture, a);
        await subA.SubscribeOkAsync("#");
        Assert.Equal(new ReceivedMessage("status/gateway", "A online", true, 1), await subA.NextAsync());

        await using var subB = await MqttTestClient.ConnectOkAsync(fixture, b);
        await subB.SubscribeOkAsync("#");
        await subB.SubscribeOkAsync("status/gateway");
        await subB.AssertNothingElseArrivesAsync();

        // B's own retained message on the same topic replaces nothing of A's.
        Assert.True((await subB.PublishAsync("status/gateway", "B online", retain: true)).IsSuccess);
        Assert.Equal(new ReceivedMessage("status/gateway", "B online", false, 1), await subB.NextAsync());
        await using var subA2 = await MqttTestClient.ConnectOkAsync(fixture, a);
        await subA2.SubscribeOkAsync("status/gateway");
        Assert.Equal(new ReceivedMessage("status/gateway", "A online", true, 1), await subA2.NextAsync());
        await subA2.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task A_will_is_published_in_its_own_account_only()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "iso-will-a");
        var b = await IotKeys.NewAccountAsync(fixture, "iso-will-b");
        await using var watcherA = await MqttTestClient.ConnectOkAsync(fixture, a);
        await watcherA.SubscribeOkAsync("#");
        await using var watcherB = await MqttTestClient.ConnectOkAsync(fixture, b);
        await watcherB.SubscribeOkAsync("#");

        var leaving = await MqttTestClient.ConnectAsync(fixture, a, configure: o => o.WithWillTopic("devices/gone").WithWillPayload("A lost").WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        Assert.Equal(MqttClientConnectResultCode.Success, leaving.ConnectResult.ResultCode);
        leaving.Abort();

        Assert.Equal(new ReceivedMessage("devices/gone", "A lost", false, 1), await watcherA.NextAsync());
        await watcherB.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task Shared_subscriptions_leak_nothing_across_accounts()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "iso-share-a");
        var b = await IotKeys.NewAccountAsync(fixture, "iso-share-b");
        await using var subA = await MqttTestClient.ConnectOkAsync(fixture, a);
        await using var subB = await MqttTestClient.ConnectOkAsync(fixture, b);

        // The same share in both accounts is two shares (MqttSharedSubscriptionTests covers how each one works).
        await subB.SubscribeOkAsync("$share/workers/jobs/#");
        await subA.SubscribeOkAsync("$share/workers/jobs/#");

        Assert.True((await subA.PublishAsync("jobs/1", "job for A")).IsSuccess);
        Assert.Equal(new ReceivedMessage("jobs/1", "job for A", false, 1), await subA.NextAsync());
        await subB.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task The_same_client_id_in_two_accounts_does_not_take_over_the_other_session()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "iso-id-a");
        var b = await IotKeys.NewAccountAsync(fixture, "iso-id-b");
        await using var clientA = await MqttTestClient.ConnectOkAsync(fixture, a, clientId: "sensor-1");
        await clientA.SubscribeOkAsync("readings");
        await using var clientB = await MqttTestClient.ConnectOkAsync(fixture, b, clientId: "sensor-1");
        await clientB.SubscribeOkAsync("readings");

        // Both still connected: A's session answers its own publish.
        Assert.True((await clientA.PublishAsync("readings", "A")).IsSuccess);
        Assert.Equal("A", (await clientA.NextAsync()).Payload);
        Assert.True(clientA.IsConnected);
        await clientB.AssertNothingElseArrivesAsync();

        // Inside one account the id is unique: a second CONNECT with it takes the session over (MQTT 5 §3.1.4).
        await using var secondA = await MqttTestClient.ConnectOkAsync(fixture, a, clientId: "sensor-1");
        await WaitUntilAsync(() => !clientA.IsConnected);
        Assert.True(clientB.IsConnected);
        await secondA.SubscribeOkAsync("readings");
        Assert.True((await secondA.PublishAsync("readings", "A again")).IsSuccess);
        Assert.Equal("A again", (await secondA.NextAsync()).Payload);
    }

    [Theory]
    [InlineData("$nuage/000000000000/#")]
    [InlineData("$SYS/#")]
    [InlineData("$nuage-aws/000000000000/#")]
    [InlineData("$aws/things/x/jobs/get")]
    [InlineData("$aws/rules/r")]
    public async Task Topics_reaching_for_the_broker_namespace_are_refused(string topic)
    {
        var a = await IotKeys.NewAccountAsync(fixture, "iso-reserved");
        await using var client = await MqttTestClient.ConnectOkAsync(fixture, a);
        Assert.Equal(MqttClientSubscribeResultCode.TopicFilterInvalid, await client.SubscribeAsync(topic));
        if (!topic.Contains('#', StringComparison.Ordinal))
        {
            var published = await client.PublishAsync(topic, "x");
            Assert.Equal(MqttClientPublishReasonCode.TopicNameInvalid, published.ReasonCode);
        }
    }

    [Fact]
    public async Task An_IAM_user_with_iot_star_sees_only_its_own_account()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "iso-user-a");
        var b = await IotKeys.NewAccountAsync(fixture, "iso-user-b");
        var userB = await b.NewUserAsync(fixture, "everything", IotKeys.Allow(("iot:*", "*")));
        await using var spy = await MqttTestClient.ConnectOkAsync(fixture, userB);
        await spy.SubscribeOkAsync("#");
        await using var pubA = await MqttTestClient.ConnectOkAsync(fixture, a);
        await pubA.SubscribeOkAsync("secret/#");

        Assert.True((await pubA.PublishAsync("secret/plans", "A only")).IsSuccess);
        Assert.Equal("A only", (await pubA.NextAsync()).Payload);
        await spy.AssertNothingElseArrivesAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(MqttTestClient.Timeout);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
