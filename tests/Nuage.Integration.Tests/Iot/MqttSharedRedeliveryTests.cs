using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// A member of a shared subscription that loses its connection with messages sent but not acknowledged: those go to
/// another connected member of the share (MQTT 5 §4.8.2: the server "MAY attempt to send the message to another Client
/// as soon as it loses its connection to the first Client"; docs/iot.md "Shared subscriptions"); the acknowledged one
/// does not, and a persistent first member that comes back does not get the moved ones again.
/// </summary>
public sealed class MqttSharedRedeliveryTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Unacknowledged_messages_of_a_member_that_disconnects_go_to_another_member(bool persistentMember)
    {
        var a = await IotKeys.NewAccountAsync(fixture, persistentMember ? "share-move-p" : "share-move");
        var holderId = "holder-" + Guid.NewGuid().ToString("N")[..8];
        var holder = await ManualAckMqttClient.ConnectAsync(fixture.Server, a, holderId, MqttProtocolVersion.V500, sessionExpirySeconds: persistentMember ? 3600u : 0u);
        await holder.SubscribeAsync("$share/workers/tasks/#", MqttQualityOfServiceLevel.ExactlyOnce);

        // While the holder is the share's only member, it gets every message: QoS 1 and QoS 2.
        await using var publisher = await MqttTestClient.ConnectOkAsync(fixture, a);
        for (var i = 0; i < 4; i++)
        {
            var qos = i % 2 == 0 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.ExactlyOnce;
            Assert.True((await publisher.PublishAsync($"tasks/{i}", $"task {i}", qos)).IsSuccess);
        }

        var first = await holder.NextAsync();
        Assert.Equal("task 0", first.Payload);
        await ManualAckMqttClient.AcknowledgeAsync(first);
        for (var i = 1; i < 4; i++)
        {
            // Received, never acknowledged (no PUBACK, no PUBREC).
            Assert.Equal($"task {i}", (await holder.NextAsync()).Payload);
        }

        await using var other = await MqttTestClient.ConnectOkAsync(fixture, a);
        await other.SubscribeOkAsync("$share/workers/tasks/#", MqttQualityOfServiceLevel.ExactlyOnce);

        // The holder's connection breaks: the other member gets what it held, at the QoS it was published with.
        holder.Abort();
        for (var i = 1; i < 4; i++)
        {
            Assert.Equal(new ReceivedMessage($"tasks/{i}", $"task {i}", false, i % 2 == 0 ? 1 : 2), await other.NextAsync());
        }

        // The acknowledged one stayed acknowledged.
        await other.AssertNothingElseArrivesAsync();

        if (persistentMember)
        {
            // The holder resumes its session: MQTTnet would resend what it left unacknowledged, but those messages
            // are the other member's now.
            await using var back = await MqttTestClient.ConnectAsync(fixture, a, clientId: holderId, configure: MqttTestClient.Persistent(3600));
            Assert.True(back.ConnectResult.IsSessionPresent);
            await back.AssertNothingElseArrivesAsync();
        }

        fixture.Server.AssertNoErrors();
    }
}
