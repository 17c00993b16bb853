using MQTTnet.Formatter;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// The broker's longest keep alive (docs/iot.md "Limits", `--mqtt-max-keep-alive`): an MQTT 5 client that asks for more,
/// or for none, is given the broker's in CONNACK's Server Keep Alive (§3.2.2.3.14) and held to it (§3.1.2.10); an MQTT
/// 3.1.1 client, which cannot be told, keeps its own.
/// </summary>
public sealed class MqttKeepAliveTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Fact]
    public async Task Connack_gives_a_client_asking_for_more_than_the_maximum_or_none_the_brokers_keep_alive()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "keep-alive");
        Assert.Equal(1200, await ServerKeepAliveAsync(a, TimeSpan.FromSeconds(2000), MqttProtocolVersion.V500));
        Assert.Equal(1200, await ServerKeepAliveAsync(a, TimeSpan.Zero, MqttProtocolVersion.V500));
        Assert.Equal(0, await ServerKeepAliveAsync(a, TimeSpan.FromSeconds(60), MqttProtocolVersion.V500)); // not sent: its own stands
        Assert.Equal(0, await ServerKeepAliveAsync(a, TimeSpan.FromSeconds(2000), MqttProtocolVersion.V311));
    }

    [Fact]
    public async Task A_client_given_a_shorter_keep_alive_is_held_to_it()
    {
        using var data = new TempDirectory();
        var server = await NuageProcess.StartAsync(Path.Combine(data.Path, "data"), extraArguments: ["--mqtt-max-keep-alive", "1"]);
        try
        {
            var a = await IotKeys.NewAccountAsync(server, "keep-alive-short");
            await using var raw = await RawMqttConnection.OpenAsync(server);
            await raw.SendConnectAsync(a, clientId: "silent"); // asks for 60 s
            var connack = await raw.ReceiveAsync();
            Assert.Equal(0x20, connack!.Value.Header);
            Assert.Equal(1, ServerKeepAliveOf(connack.Value.Body));

            // Silent past one and a half times the broker's 1 s: the broker ends the connection (§3.1.2.10).
            var started = DateTime.UtcNow;
            var next = await raw.ReceiveAsync();
            while (next is { Header: 0xE0 })
            {
                next = await raw.ReceiveAsync(); // a DISCONNECT 0x8D (Keep Alive timeout) may come first
            }

            Assert.Null(next);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8), "the connection outlived the broker's keep alive");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private async Task<int> ServerKeepAliveAsync(IotKeys keys, TimeSpan keepAlive, MqttProtocolVersion version)
    {
        await using var client = await MqttTestClient.ConnectAsync(fixture, keys, version: version, configure: b => b.WithKeepAlivePeriod(keepAlive));
        Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, client.ConnectResult.ResultCode);
        return client.ConnectResult.ServerKeepAlive;
    }

    /// <summary>The Server Keep Alive property (0x13) of an MQTT 5 CONNACK body, or 0 when absent (§3.2.2.3).</summary>
    private static int ServerKeepAliveOf(byte[] body)
    {
        // Acknowledge flags, reason code, then the property length (under 128 here) and the properties.
        var end = 3 + body[2];
        for (var at = 3; at < end;)
        {
            var id = body[at++];
            switch (id)
            {
                case 0x13: return (body[at] << 8) | body[at + 1];
                case 0x21 or 0x22: at += 2; break;            // Receive Maximum, Topic Alias Maximum
                case 0x27 or 0x11: at += 4; break;            // Maximum Packet Size, Session Expiry Interval
                case 0x24 or 0x25 or 0x28 or 0x29 or 0x2A: at += 1; break; // Maximum QoS and the availability flags
                case 0x12 or 0x1F or 0x1A or 0x1C or 0x15: at += 2 + ((body[at] << 8) | body[at + 1]); break; // strings
                case 0x26: // user property: two strings
                    at += 2 + ((body[at] << 8) | body[at + 1]);
                    at += 2 + ((body[at] << 8) | body[at + 1]);
                    break;
                default: throw new InvalidOperationException($"CONNACK property 0x{id:X2} not expected");
            }
        }

        return 0;
    }
}
