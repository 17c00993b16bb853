using System.Text;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// MQTTnet's client that acknowledges only what the test tells it to (AutoAcknowledge false: no PUBACK, and for QoS 2
/// no PUBREC, until <see cref="AcknowledgeAsync"/>), keeping each PUBLISH as it arrived, DUP flag included.
/// </summary>
public sealed class ManualAckMqttClient : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly Channel<HeldPublish> _received = Channel.CreateUnbounded<HeldPublish>();

    private ManualAckMqttClient(IMqttClient client)
    {
        _client = client;
        // Attached before CONNECT: a resumed session's messages may follow CONNACK at once.
        _client.ApplicationMessageReceivedAsync += e =>
        {
            e.AutoAcknowledge = false;
            var message = e.ApplicationMessage;
            _received.Writer.TryWrite(new HeldPublish(
                message.Topic, Encoding.UTF8.GetString(message.Payload), (int)message.QualityOfServiceLevel, message.Dup, e));
            return Task.CompletedTask;
        };
    }

    public MqttClientConnectResult? ConnectResult { get; private set; }

    public static async Task<ManualAckMqttClient> ConnectAsync(
        NuageProcess server, IotKeys keys, string clientId, MqttProtocolVersion version, uint sessionExpirySeconds, ushort receiveMaximum = 0)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(keys);
        var builder = new MqttClientOptionsBuilder()
            .WithProtocolVersion(version)
            .WithClientId(clientId)
            .WithTimeout(MqttTestClient.Timeout)
            .WithTcpServer(server.MqttEndpoint.Host, server.MqttEndpoint.Port)
            .WithCredentials(keys.AccessKeyId, keys.Secret);
        if (sessionExpirySeconds > 0)
        {
            // MQTT 5: clean start 0 and a Session Expiry Interval; 3.1.1: clean session 0.
            builder = builder.WithCleanStart(false).WithSessionExpiryInterval(sessionExpirySeconds);
        }

        if (receiveMaximum > 0)
        {
            // MQTT 5 §3.1.2.11.3: at most this many unacknowledged QoS 1/2 PUBLISHes from the broker at once.
            builder = builder.WithReceiveMaximum(receiveMaximum);
        }

        var held = new ManualAckMqttClient(new MqttClientFactory().CreateMqttClient());
        held.ConnectResult = await held._client.ConnectAsync(builder.Build()).WaitAsync(MqttTestClient.Timeout);
        return held;
    }

    /// <summary>The next PUBLISH received, within <see cref="MqttTestClient.Timeout"/>.</summary>
    public async Task<HeldPublish> NextAsync()
    {
        using var timeout = new CancellationTokenSource(MqttTestClient.Timeout);
        try
        {
            return await _received.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"No message arrived within {MqttTestClient.Timeout.TotalSeconds} s.");
        }
    }

    /// <summary>PUBACK (QoS 1) or PUBREC (QoS 2, after which the client answers the broker's PUBREL with PUBCOMP).</summary>
    public static Task AcknowledgeAsync(HeldPublish publish)
    {
        ArgumentNullException.ThrowIfNull(publish);
        return publish.Event.AcknowledgeAsync(CancellationToken.None).WaitAsync(MqttTestClient.Timeout);
    }

    public async Task SubscribeAsync(string filter, MqttQualityOfServiceLevel qos)
    {
        var result = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, qos).Build()).WaitAsync(MqttTestClient.Timeout);
        Assert.True((int)result.Items.Single().ResultCode <= 2, $"SUBSCRIBE {filter} refused: {result.Items.Single().ResultCode}");
    }

    public async Task<MqttClientPublishResult> PublishAsync(string topic, string payload, MqttQualityOfServiceLevel qos) =>
        await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(qos).Build())
            .WaitAsync(MqttTestClient.Timeout);

    /// <summary>Drops the connection without DISCONNECT, as a device losing power would.</summary>
    public void Abort() => _client.Dispose();

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}

/// <summary>One PUBLISH a <see cref="ManualAckMqttClient"/> received and has not necessarily acknowledged.</summary>
public sealed record HeldPublish(string Topic, string Payload, int QualityOfService, bool Dup, MqttApplicationMessageReceivedEventArgs Event);
