using MQTTnet;
using MQTTnet.Protocol;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// MQTT 5's Message Expiry Interval (§3.3.2.3.3): a message that expired while it waited for an absent session, or as
/// a retained message, is not delivered [MQTT-3.3.2-5]; one that is delivered carries what is left of its interval
/// [MQTT-3.3.2-6].
/// </summary>
public sealed class MqttMessageExpiryTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Fact]
    public async Task A_queued_message_that_expired_is_not_delivered_and_the_other_carries_what_is_left()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "expiry-queued");
        await using (var away = await MqttTestClient.ConnectAsync(fixture, a, clientId: "reader-1", configure: Persistent))
        {
            await away.SubscribeOkAsync("readings/#");
        }

        await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, a);
        Assert.True((await publisher.PublishMessageAsync(Message("readings/short", "gone soon", 1))).IsSuccess);
        Assert.True((await publisher.PublishMessageAsync(Message("readings/long", "still here", 60))).IsSuccess);
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        await using var back = await MqttTestClient.ConnectAsync(fixture, a, clientId: "reader-1", configure: Persistent);
        Assert.True(back.ConnectResult.IsSessionPresent);
        var delivered = await back.NextFullAsync();
        Assert.Equal("readings/long", delivered.Topic);
        Assert.InRange(delivered.MessageExpiryInterval, 1u, 58u);
        await back.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task An_expired_retained_message_is_not_sent_on_subscribe()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "expiry-retained");
        await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, a);
        Assert.True((await publisher.PublishMessageAsync(Message("state/short", "stale", 1, retain: true))).IsSuccess);
        Assert.True((await publisher.PublishMessageAsync(Message("state/long", "fresh", 60, retain: true))).IsSuccess);
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        await using var late = await MqttTestClient.ConnectOkAsync(fixture, a);
        await late.SubscribeOkAsync("state/#");
        var retained = await late.NextFullAsync();
        Assert.Equal("state/long", retained.Topic);
        Assert.InRange(retained.MessageExpiryInterval, 1u, 58u);
        await late.AssertNothingElseArrivesAsync();
    }

    private static MqttApplicationMessage Message(string topic, string payload, uint expirySeconds, bool retain = false) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithMessageExpiryInterval(expirySeconds).WithRetainFlag(retain).Build();

    private static void Persistent(MqttClientOptionsBuilder builder) => builder.WithCleanStart(false).WithSessionExpiryInterval(300);
}
