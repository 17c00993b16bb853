using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Iot.Topics;
using Nuage.Mqtt.Shadows;
using Nuage.Storage.Notifications;

namespace Nuage.Mqtt.Notifications;

/// <summary>
/// Publishes S3 bucket events (Nuage.Storage's event dispatcher) on the hub, as the server, to the destination topic
/// in the bucket owner's account (docs/notifications.md). QoS 1 and not retained; a subscriber then receives it
/// when its iot:Receive allows the topic, as for any message (<see cref="Handlers.DeliveryHandler"/>). Throws when
/// the broker is not running, so the event stays in the outbox and is tried again.
/// </summary>
public sealed class StorageEventPublisher : IEventPublisher
{
    private MqttServer? _server;

    /// <summary>Given by the broker once MQTTnet's server exists.</summary>
    public void Bind(MqttServer server) => _server = server;

    public async Task PublishAsync(string accountId, string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (_server is not { IsStarted: true } server)
        {
            throw new InvalidOperationException("The IoT hub is not running.");
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(TopicNamespace.ToBroker(accountId, topic))
            .WithPayload(payload.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/json")
            .Build();

        // The server's own sender id (no client can hold it), which PublishHandler lets through unchecked.
        await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = ShadowPublisher.SenderId }, cancellationToken)
            .ConfigureAwait(false);
    }
}
