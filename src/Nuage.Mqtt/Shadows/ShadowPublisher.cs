using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Iot.Shadows;
using Nuage.Iot.Topics;

namespace Nuage.Mqtt.Shadows;

/// <summary>
/// Publishes the shadow service's answers and notifications into the broker as the server itself, in the account's
/// own $aws root (<see cref="TopicNamespace"/>), so they reach exactly the subscribers of that account whose
/// iot:Receive allows the topic (<see cref="Handlers.DeliveryHandler"/> decides each delivery as for any message).
/// </summary>
public sealed partial class ShadowPublisher(ILogger<ShadowPublisher> logger) : IShadowNotifier
{
    /// <summary>
    /// The sender id of the server's own messages. It holds U+0000, which no client id may (TopicRules.IsMalformed),
    /// and no ':' so it names no account: no client can pass for it (<see cref="Handlers.PublishHandler"/>).
    /// </summary>
    public const string SenderId = "\u0000nuage-shadows";

    private MqttServer? _server;

    /// <summary>Given by the broker once MQTTnet's server exists.</summary>
    public void Bind(MqttServer server) => _server = server;

    public async ValueTask PublishAsync(string accountId, string topic, byte[] payload)
    {
        if (_server is not { IsStarted: true } server)
        {
            return;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(TopicNamespace.ToBroker(accountId, topic))
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/json")
            .Build();
        try
        {
            await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = SenderId }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
            // The broker is stopping: the change is committed; only this notification is lost, as for a client offline.
            LogNotPublished(logger, e, topic);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A shadow notification on {Topic} was not published")]
    private static partial void LogNotPublished(ILogger logger, Exception exception, string topic);
}
