using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Iot.Rules;
using Nuage.Iot.Topics;
using Nuage.Mqtt.Shadows;

namespace Nuage.Mqtt.Rules;

/// <summary>
/// A rule's republish action: injects the message on the hub under the account's namespace, as the server. It is
/// injected with the server's own sender id, which PublishHandler passes through unchecked and without running
/// rules, so a republished message never triggers rules again (no loops). Subscribers still need iot:Receive on the
/// topic (<see cref="Handlers.DeliveryHandler"/>).
/// </summary>
public sealed class RuleRepublisher : IRuleRepublisher
{
    private MqttServer? _server;

    /// <summary>Given by the broker once MQTTnet's server exists.</summary>
    public void Bind(MqttServer server) => _server = server;

    public async Task RepublishAsync(string accountId, string topic, ReadOnlyMemory<byte> payload, bool qos1, CancellationToken cancellationToken)
    {
        if (_server is not { IsStarted: true } server)
        {
            throw new InvalidOperationException("The IoT hub is not running.");
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(TopicNamespace.ToBroker(accountId, topic))
            .WithPayload(payload.ToArray())
            .WithQualityOfServiceLevel(qos1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
            .Build();
        await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = ShadowPublisher.SenderId }, cancellationToken)
            .ConfigureAwait(false);
    }
}
