using System.Diagnostics;
using MQTTnet;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// SIGTERM with MQTT clients connected: the broker closes them as shutdown begins, telling MQTT 5 clients why, so the
/// stop is prompt and clean.
/// </summary>
public sealed class MqttShutdownTests
{
    [Fact]
    public async Task A_graceful_stop_does_not_wait_for_connected_MQTT_clients()
    {
        using var data = new TempDirectory();
        await using var server = await NuageProcess.StartAsync(Path.Combine(data.Path, "data"));
        var operatorKeys = new IotKeys(NuageProcess.AccessKey, NuageProcess.SecretKey, "000000000000");
        await using var tcp = await MqttTestClient.ConnectAsync(server, operatorKeys);
        await using var webSocket = await MqttTestClient.ConnectAsync(server, operatorKeys, MqttTransport.WebSocket);
        Assert.Equal(MqttClientConnectResultCode.Success, tcp.ConnectResult.ResultCode);
        Assert.Equal(MqttClientConnectResultCode.Success, webSocket.ConnectResult.ResultCode);

        await using var tcp311 = await MqttTestClient.ConnectAsync(server, operatorKeys, version: MQTTnet.Formatter.MqttProtocolVersion.V311);
        Assert.Equal(MqttClientConnectResultCode.Success, tcp311.ConnectResult.ResultCode);

        var stopping = Stopwatch.StartNew();
        Assert.Equal(0, await server.StopAsync());
        // Kestrel alone would wait its 30 s shutdown timeout for these connections.
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(15), $"stop took {stopping.Elapsed}");

        // MQTT 5 clients were told why (§3.14.2.1, 0x8B Server shutting down), over TCP and WebSocket; MQTT 3.1.1 has no
        // server DISCONNECT, its connection just closed.
        Assert.Equal(MqttClientDisconnectReason.ServerShuttingDown, await tcp.ClosedByServerAsync());
        Assert.Equal(MqttClientDisconnectReason.ServerShuttingDown, await webSocket.ClosedByServerAsync());
        await tcp311.ClosedByServerAsync();
        server.AssertNoErrors();
    }
}
