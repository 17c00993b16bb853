using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// Wills with a Will Delay Interval (MQTT 5 §3.1.3.2.2; docs/iot.md "Wills"): sent when the delay (or the session, if
/// shorter) runs out after the connection is lost, not sent when the client comes back to its session in time, sent
/// after DISCONNECT with reason 0x04 and never after a normal DISCONNECT.
/// </summary>
public sealed class MqttWillDelayTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Fact]
    public async Task A_delayed_will_waits_for_its_delay()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "will-delay");
        await using var watcher = await MqttTestClient.ConnectOkAsync(fixture, a);
        await watcher.SubscribeOkAsync("status/#");
        var leaving = await MqttTestClient.ConnectAsync(fixture, a, clientId: "press-1", configure: Will("status/press-1", delaySeconds: 2, sessionExpiry: 60));
        Assert.Equal(MqttClientConnectResultCode.Success, leaving.ConnectResult.ResultCode);

        var lost = Stopwatch.StartNew();
        leaving.Abort();
        Assert.Equal(new ReceivedMessage("status/press-1", "press-1 lost", false, 1), await watcher.NextAsync());
        Assert.True(lost.Elapsed >= TimeSpan.FromSeconds(1.5), $"the will came after {lost.Elapsed.TotalSeconds:F1} s, before its 2 s delay");
    }

    [Fact]
    public async Task A_session_shorter_than_the_delay_sends_the_will_when_it_ends()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "will-expiry");
        await using var watcher = await MqttTestClient.ConnectOkAsync(fixture, a);
        await watcher.SubscribeOkAsync("status/#");
        var leaving = await MqttTestClient.ConnectAsync(fixture, a, clientId: "press-2", configure: Will("status/press-2", delaySeconds: 30, sessionExpiry: 0));
        var lost = Stopwatch.StartNew();
        leaving.Abort();
        Assert.Equal(new ReceivedMessage("status/press-2", "press-2 lost", false, 1), await watcher.NextAsync());
        Assert.True(lost.Elapsed < TimeSpan.FromSeconds(10), "the session ended with the connection, so the will should not wait 30 s");
    }

    [Fact]
    public async Task Coming_back_to_the_session_in_time_cancels_the_will_and_a_normal_disconnect_deletes_it()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "will-back");
        await using var watcher = await MqttTestClient.ConnectOkAsync(fixture, a);
        await watcher.SubscribeOkAsync("status/#");
        var leaving = await MqttTestClient.ConnectAsync(fixture, a, clientId: "press-3", configure: Will("status/press-3", delaySeconds: 2, sessionExpiry: 60));
        leaving.Abort();
        await using var back = await MqttTestClient.ConnectAsync(fixture, a, clientId: "press-3", configure: b => b.WithCleanStart(false).WithSessionExpiryInterval(60));
        Assert.True(back.ConnectResult.IsSessionPresent);

        // Past the delay, nothing came (a late will would be ahead of the control message).
        await Task.Delay(TimeSpan.FromSeconds(3));
        await watcher.AssertNothingElseArrivesAsync();

        await using var polite = await MqttTestClient.ConnectAsync(fixture, a, clientId: "press-4", configure: Will("status/press-4", delaySeconds: 1, sessionExpiry: 60));
        await polite.DisconnectAsync(MqttClientDisconnectOptionsReason.NormalDisconnection);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await watcher.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task Disconnect_with_will_message_sends_the_delayed_will()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "will-0x04");
        await using var watcher = await MqttTestClient.ConnectOkAsync(fixture, a);
        await watcher.SubscribeOkAsync("status/#");
        await using var leaving = await MqttTestClient.ConnectAsync(fixture, a, clientId: "press-5", configure: Will("status/press-5", delaySeconds: 1, sessionExpiry: 60));
        await leaving.DisconnectAsync(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage);
        Assert.Equal(new ReceivedMessage("status/press-5", "press-5 lost", false, 1), await watcher.NextAsync());
    }

    [Fact]
    public async Task Disconnect_with_will_message_sends_a_will_without_a_delay_and_a_normal_disconnect_does_not()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "will-0x04-now");
        await using var watcher = await MqttTestClient.ConnectOkAsync(fixture, a);
        await watcher.SubscribeOkAsync("status/#");
        await using (var polite = await MqttTestClient.ConnectAsync(fixture, a, clientId: "press-6", configure: Will("status/press-6", delaySeconds: 0, sessionExpiry: 0)))
        {
            await polite.DisconnectAsync(MqttClientDisconnectOptionsReason.NormalDisconnection);
        }

        await using var leaving = await MqttTestClient.ConnectAsync(fixture, a, clientId: "press-7", configure: Will("status/press-7", delaySeconds: 0, sessionExpiry: 0));
        await leaving.DisconnectAsync(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage);

        // press-6's will, had it been sent, would have come first.
        Assert.Equal(new ReceivedMessage("status/press-7", "press-7 lost", false, 1), await watcher.NextAsync());
        await watcher.AssertNothingElseArrivesAsync();
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(0u)]
    public async Task A_client_that_leaves_and_connects_again_at_once_keeps_its_new_will(uint delaySeconds)
    {
        var a = await IotKeys.NewAccountAsync(fixture, "will-again-" + delaySeconds);
        await using var watcher = await MqttTestClient.ConnectOkAsync(fixture, a);
        await watcher.SubscribeOkAsync("status/#");
        for (var round = 0; round < 5; round++)
        {
            // The first connection's end (a normal DISCONNECT deletes its will, §3.1.2.5) may reach the broker after the
            // second CONNECT: it must not take the second connection's will with it.
            await using var first = await MqttTestClient.ConnectAsync(fixture, a, clientId: "press-8", configure: Will("status/press-8", delaySeconds, sessionExpiry: 60));
            await first.DisconnectAsync(MqttClientDisconnectOptionsReason.NormalDisconnection);
            var second = await MqttTestClient.ConnectAsync(fixture, a, clientId: "press-8", configure: Will("status/press-8", delaySeconds, sessionExpiry: 60));
            Assert.Equal(MqttClientConnectResultCode.Success, second.ConnectResult.ResultCode);
            second.Abort();
            Assert.Equal(new ReceivedMessage("status/press-8", "press-8 lost", false, 1), await watcher.NextAsync());
        }

        await watcher.AssertNothingElseArrivesAsync();
    }

    private static Action<MqttClientOptionsBuilder> Will(string topic, uint delaySeconds, uint sessionExpiry) =>
        builder => builder
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithSessionExpiryInterval(sessionExpiry)
            .WithWillTopic(topic)
            .WithWillPayload(topic["status/".Length..] + " lost")
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillDelayInterval(delaySeconds);
}
