using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// The Session Expiry Interval of an MQTT 5 session while the broker runs (docs/iot.md "Persistence"): the latest
/// CONNECT's applies (§3.1.2.11.2), a DISCONNECT may change it (§3.14.2.2.2), and a DISCONNECT's explicit 0 ends the
/// session with the connection. eclipse/paho.mqtt.testing's test_session_expiry checks the same.
/// </summary>
public sealed class MqttSessionExpiryTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    // Deleting a session that ends with its connection follows the connection's close by a moment in MQTTnet.
    private static readonly TimeSpan AfterClose = TimeSpan.FromMilliseconds(300);

    // Longer than the 1 s intervals below, by enough for a loaded machine.
    private static readonly TimeSpan PastOneSecond = TimeSpan.FromMilliseconds(2500);

    [Theory]
    [InlineData(MqttTransport.Tcp)]
    [InlineData(MqttTransport.WebSocket)]
    public async Task A_disconnect_with_a_session_expiry_of_0_ends_the_session_and_one_without_the_property_keeps_it(MqttTransport transport)
    {
        var a = await IotKeys.NewAccountAsync(fixture, "expiry-zero");
        Assert.False(await ConnectAsync(a, "ends-now", disconnectExpiry: 0, transport: transport)); // a new session
        await Task.Delay(AfterClose);
        Assert.False(await ConnectAsync(a, "ends-now", disconnectExpiry: null, transport: transport)); // ended by the DISCONNECT's 0

        Assert.False(await ConnectAsync(a, "keeps", disconnectExpiry: null, transport: transport));
        await Task.Delay(AfterClose);
        Assert.True(await ConnectAsync(a, "keeps", disconnectExpiry: null, transport: transport)); // the CONNECT's hour applies
    }

    [Fact]
    public async Task A_disconnect_may_lengthen_the_connects_session_expiry()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "expiry-longer");
        Assert.False(await ConnectAsync(a, "lengthened", disconnectExpiry: 30, connectExpiry: 1));
        await Task.Delay(PastOneSecond);
        Assert.True(await ConnectAsync(a, "lengthened", disconnectExpiry: null, connectExpiry: 30));
    }

    [Fact]
    public async Task A_resumed_session_takes_the_expiry_of_the_connect_that_resumed_it()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "expiry-resumed");
        Assert.False(await ConnectAsync(a, "resumed", disconnectExpiry: null, connectExpiry: 1));
        Assert.True(await ConnectAsync(a, "resumed", disconnectExpiry: null, connectExpiry: 30));
        await Task.Delay(PastOneSecond);
        Assert.True(await ConnectAsync(a, "resumed", disconnectExpiry: null, connectExpiry: 30));
    }

    /// <summary>
    /// Connects (over TCP unless told otherwise) with clean start 0 and the interval given, disconnects with the
    /// DISCONNECT given, and says whether CONNACK had Session Present.
    /// </summary>
    private async Task<bool> ConnectAsync(IotKeys keys, string clientId, uint? disconnectExpiry, uint connectExpiry = 3600, MqttTransport transport = MqttTransport.Tcp)
    {
        await using var raw = await RawMqttConnection.OpenAsync(fixture, transport);
        await raw.SendPersistentConnectAsync(keys, clientId, sessionExpiry: connectExpiry);
        var connack = await raw.ReceiveAsync();
        Assert.Equal(0x20, connack!.Value.Header);
        Assert.Equal(0x00, connack.Value.Body[1]); // Success
        await raw.SendDisconnectV5Async(disconnectExpiry);
        Assert.Null(await raw.ReceiveAsync()); // the broker closed the connection
        return (connack.Value.Body[0] & 0x01) == 1;
    }
}
