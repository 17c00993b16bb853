using System.Net;
using MQTTnet;
using MQTTnet.Formatter;
using Nuage.Integration.Tests.Admin;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// Persistent sessions survive a restart of the server (docs/iot.md "Persistence"): a client that reconnects with
/// clean start 0 gets Session Present 1 and the messages published to its subscriptions from then on, without
/// subscribing again; a session whose expiry passed is gone; another account's client with the same id gets nothing.
/// </summary>
public sealed class MqttSessionPersistenceTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V500, false)]
    [InlineData(MqttProtocolVersion.V311, false)]
    [InlineData(MqttProtocolVersion.V500, true)]
    public async Task A_persistent_sessions_subscriptions_survive_a_restart(MqttProtocolVersion version, bool kill)
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        var server = await NuageProcess.StartAsync(directory);
        IotKeys a, b;
        MqttTestClient? device = null;
        try
        {
            a = await IotKeys.NewAccountAsync(server, "sess-a");
            b = await IotKeys.NewAccountAsync(server, "sess-b");
            device = await MqttTestClient.ConnectAsync(server, a, version: version, clientId: "gateway-1", configure: MqttTestClient.Persistent(3600));
            Assert.False(device.ConnectResult.IsSessionPresent);
            // SUBACK comes after the subscription is durable (MQTTnet awaits the subscribed event before it answers).
            await device.SubscribeOkAsync("commands/#");
            if (!kill)
            {
                await device.DisposeAsync();
            }
        }
        finally
        {
            // kill -9 with the device still connected: its session counts as left at the next start.
            await server.EndAsync(kill);
            device?.Abort();
        }

        await using var restarted = await NuageProcess.StartAsync(directory);
        await using var resumed = await MqttTestClient.ConnectAsync(restarted, a, version: version, clientId: "gateway-1", configure: MqttTestClient.Persistent(3600));
        Assert.Equal(MqttClientConnectResultCode.Success, resumed.ConnectResult.ResultCode);
        Assert.True(resumed.ConnectResult.IsSessionPresent);
        // Its own acknowledged PUBLISH shows the broker is reading its packets, so the session is rebuilt.
        Assert.True((await resumed.PublishAsync("status/gateway-1", "back")).IsSuccess);

        // Account B: the same client id resumes nothing of A's, and A's messages never reach it.
        await using var other = await MqttTestClient.ConnectAsync(restarted, b, version: version, clientId: "gateway-1", configure: MqttTestClient.Persistent(3600));
        Assert.False(other.ConnectResult.IsSessionPresent);

        await using var sender = await MqttTestClient.ConnectAsync(restarted, a);
        Assert.True((await sender.PublishAsync("commands/reboot", "now")).IsSuccess);
        Assert.Equal(new ReceivedMessage("commands/reboot", "now", false, 1), await resumed.NextAsync());
        await other.AssertNothingElseArrivesAsync();
        restarted.AssertNoErrors();
    }

    [Fact]
    public async Task A_session_whose_expiry_passed_is_gone_after_a_restart()
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        var server = await NuageProcess.StartAsync(directory);
        IotKeys a;
        DateTimeOffset expiresBy;
        try
        {
            a = await IotKeys.NewAccountAsync(server, "sess-exp");
            await using var device = await MqttTestClient.ConnectAsync(server, a, clientId: "short-lived", configure: MqttTestClient.Persistent(1));
            await device.SubscribeOkAsync("commands/#");
            await device.DisposeAsync();
            expiresBy = DateTimeOffset.UtcNow.AddSeconds(1);
        }
        finally
        {
            Assert.Equal(0, await server.StopAsync());
            await server.DisposeAsync();
        }

        // The expiry is a point in time (MQTT 5 §3.1.2.11.2); the restart below happens only once it has passed.
        if (DateTimeOffset.UtcNow < expiresBy)
        {
            await Task.Delay(expiresBy - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100));
        }

        await using var restarted = await NuageProcess.StartAsync(directory);
        await using var again = await MqttTestClient.ConnectAsync(restarted, a, clientId: "short-lived", configure: MqttTestClient.Persistent(1));
        Assert.False(again.ConnectResult.IsSessionPresent);
        await using var sender = await MqttTestClient.ConnectAsync(restarted, a);
        Assert.True((await sender.PublishAsync("commands/reboot", "now")).IsSuccess);
        await again.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task A_restored_session_whose_client_comes_back_too_late_is_gone_and_stays_gone()
    {
        using var data = new TempDirectory();
        var directory = Path.Combine(data.Path, "data");
        var server = await NuageProcess.StartAsync(directory);
        IotKeys a;
        try
        {
            a = await IotKeys.NewAccountAsync(server, "sess-late");
            await using var device = await MqttTestClient.ConnectAsync(server, a, clientId: "late", configure: MqttTestClient.Persistent(3));
            await device.SubscribeOkAsync("commands/#");
        }
        finally
        {
            Assert.Equal(0, await server.StopAsync());
            await server.DisposeAsync();
        }

        // Restarted within the 3 s, the session is restorable; the client returns only after they ran out.
        var restarted = await NuageProcess.StartAsync(directory);
        try
        {
            var expiresBy = DateTimeOffset.UtcNow.AddSeconds(3);
            await Task.Delay(expiresBy - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100));
            await using var late = await MqttTestClient.ConnectAsync(restarted, a, clientId: "late", configure: MqttTestClient.Persistent(3600));
            Assert.False(late.ConnectResult.IsSessionPresent);
        }
        finally
        {
            Assert.Equal(0, await restarted.StopAsync());
            await restarted.DisposeAsync();
        }

        // Its new session has no subscription; the expired one's did not come back with the next restart.
        await using var third = await NuageProcess.StartAsync(directory);
        await using var again = await MqttTestClient.ConnectAsync(third, a, clientId: "late", configure: MqttTestClient.Persistent(3600));
        Assert.True(again.ConnectResult.IsSessionPresent);
        await using var sender = await MqttTestClient.ConnectAsync(third, a);
        Assert.True((await sender.PublishAsync("commands/reboot", "now")).IsSuccess);
        await again.AssertNothingElseArrivesAsync();
    }
}
