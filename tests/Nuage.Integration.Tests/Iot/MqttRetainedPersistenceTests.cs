using System.Net;
using System.Text;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using Nuage.Integration.Tests.Access;
using Nuage.Integration.Tests.Admin;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// Retained messages are durable (docs/iot.md "Persistence"): they come back after a stop and start of the server
/// process, and after kill -9 when their PUBLISH was acknowledged, with their MQTT 5 properties, in their own account
/// only; an expired one is not replayed and an empty retained PUBLISH deletes.
/// </summary>
public sealed class MqttRetainedPersistenceTests
{
    [Fact]
    public async Task A_retained_message_survives_a_restart_with_its_properties_and_stays_in_its_account()
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        var server = await NuageProcess.StartAsync(directory);
        IotKeys a, b;
        try
        {
            a = await IotKeys.NewAccountAsync(server, "ret-a");
            b = await IotKeys.NewAccountAsync(server, "ret-b");
            await using var publisher = await MqttTestClient.ConnectAsync(server, a);
            var message = new MqttApplicationMessageBuilder()
                .WithTopic("status/gateway").WithPayload("A online").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag().WithContentType("text/plain").WithUserProperty("site", Encoding.UTF8.GetBytes("north").AsMemory()).Build();
            Assert.True((await publisher.PublishMessageAsync(message)).IsSuccess);
        }
        finally
        {
            Assert.Equal(0, await server.StopAsync());
            await server.DisposeAsync();
        }

        await using var restarted = await NuageProcess.StartAsync(directory);
        await using var subscriberA = await MqttTestClient.ConnectAsync(restarted, a);
        await subscriberA.SubscribeOkAsync("status/#");
        var received = await subscriberA.NextFullAsync();
        Assert.Equal("status/gateway", received.Topic);
        Assert.Equal("A online", Encoding.UTF8.GetString(received.Payload));
        Assert.True(received.Retain);
        Assert.Equal("text/plain", received.ContentType);
        Assert.Contains(received.UserProperties!, p => p.Name == "site" && p.ReadValueAsString() == "north");

        // Account B, on the same topic and with '#', sees nothing of A's restored message.
        await using var subscriberB = await MqttTestClient.ConnectAsync(restarted, b);
        await subscriberB.SubscribeOkAsync("#");
        await subscriberB.SubscribeOkAsync("status/gateway");
        await subscriberB.AssertNothingElseArrivesAsync();
        restarted.AssertNoErrors();
    }

    [Fact]
    public async Task A_retained_message_acknowledged_before_kill_9_is_there_after_and_an_empty_one_deleted()
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        var server = await NuageProcess.StartAsync(directory);
        IotKeys a;
        try
        {
            a = await IotKeys.NewAccountAsync(server, "ret-kill");
            await using var publisher = await MqttTestClient.ConnectAsync(server, a);
            Assert.True((await publisher.PublishAsync("kept/topic", "kept", retain: true)).IsSuccess);
            Assert.True((await publisher.PublishAsync("gone/topic", "soon gone", retain: true)).IsSuccess);
            // MQTT 5 §3.3.1.3: an empty retained payload removes the topic's retained message.
            Assert.True((await publisher.PublishAsync("gone/topic", "", retain: true)).IsSuccess);
            Assert.True((await publisher.PublishAsync("kept/qos2", "exactly once", MqttQualityOfServiceLevel.ExactlyOnce, retain: true)).IsSuccess);
        }
        finally
        {
            await server.KillAsync();
            await server.DisposeAsync();
        }

        await using var restarted = await NuageProcess.StartAsync(directory);
        await using var subscriber = await MqttTestClient.ConnectAsync(restarted, a);
        await subscriber.SubscribeOkAsync("kept/topic");
        Assert.Equal(new ReceivedMessage("kept/topic", "kept", true, 1), await subscriber.NextAsync());
        await subscriber.SubscribeOkAsync("kept/qos2", MqttQualityOfServiceLevel.ExactlyOnce);
        Assert.Equal(new ReceivedMessage("kept/qos2", "exactly once", true, 2), await subscriber.NextAsync());
        await subscriber.SubscribeOkAsync("gone/topic");
        await subscriber.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task An_expired_retained_message_is_not_replayed_after_a_restart()
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        var server = await NuageProcess.StartAsync(directory);
        IotKeys a;
        DateTimeOffset expiresBy;
        try
        {
            a = await IotKeys.NewAccountAsync(server, "ret-exp");
            await using var publisher = await MqttTestClient.ConnectAsync(server, a);
            var shortLived = new MqttApplicationMessageBuilder()
                .WithTopic("short/lived").WithPayload("1 s").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag().WithMessageExpiryInterval(1).Build();
            var longLived = new MqttApplicationMessageBuilder()
                .WithTopic("long/lived").WithPayload("1 h").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag().WithMessageExpiryInterval(3600).Build();
            Assert.True((await publisher.PublishMessageAsync(shortLived)).IsSuccess);
            expiresBy = DateTimeOffset.UtcNow.AddSeconds(1);
            Assert.True((await publisher.PublishMessageAsync(longLived)).IsSuccess);
        }
        finally
        {
            Assert.Equal(0, await server.StopAsync());
            await server.DisposeAsync();
        }

        // The expiry is a point in time; the restart below happens only once it has passed.
        if (DateTimeOffset.UtcNow < expiresBy)
        {
            await Task.Delay(expiresBy - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100));
        }

        await using var restarted = await NuageProcess.StartAsync(directory);
        await using var subscriber = await MqttTestClient.ConnectAsync(restarted, a);
        await subscriber.SubscribeOkAsync("long/lived");
        var kept = await subscriber.NextFullAsync();
        Assert.Equal("long/lived", kept.Topic);
        // §3.3.2.3.3: what is left of the hour, never more.
        Assert.InRange(kept.MessageExpiryInterval, 1u, 3600u);
        await subscriber.SubscribeOkAsync("short/lived");
        await subscriber.AssertNothingElseArrivesAsync();
    }
}
