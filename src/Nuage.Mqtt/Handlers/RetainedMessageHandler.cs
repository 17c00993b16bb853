using System.Buffers;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Iot.Broker;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// Keeps MQTTnet's retained messages durable through its three retained-message hooks: LoadingRetainedMessageAsync
/// fills the broker from the store when it starts, RetainedMessageChangedAsync writes each change, and
/// RetainedMessagesClearedAsync empties the table. Topics arrive already in their account's namespace
/// (<see cref="PublishHandler"/> rewrote them), so restored messages stay with their account.
/// <para>
/// Durability: a retained PUBLISH is acknowledged only after its row is durable. MQTTnet awaits
/// RetainedMessageChangedAsync inside its dispatch of the PUBLISH, before it sends PUBACK (QoS 1) or PUBREC (QoS 2),
/// and this handler awaits the group commit; so a message a client saw acknowledged is there after kill -9. The price
/// is that MQTTnet serialises retained changes behind one lock: retained publishes are one group commit each,
/// non-retained ones are not affected. MQTTnet catches and logs a failing hook and still acknowledges (it offers no
/// way to turn the hook's failure into a reason code), so a store failure is logged here as an error.
/// </para>
/// </summary>
public sealed class RetainedMessageHandler(RetainedMessageStore store, TimeProvider time, ILogger<RetainedMessageHandler> logger)
{
    public async Task LoadAsync(LoadingRetainedMessagesEventArgs e)
    {
        var now = time.GetUtcNow();
        foreach (var stored in await store.LoadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            e.LoadedRetainedMessages.Add(ToApplicationMessage(stored, now));
        }
    }

    public async Task ChangedAsync(RetainedMessageChangedEventArgs e)
    {
        var message = e.ChangedRetainedMessage;
        try
        {
            // MQTT 5 §3.3.1.3: a retained PUBLISH with an empty payload removes the topic's retained message.
            if (message.Payload.IsEmpty)
            {
                await store.DeleteAsync(message.Topic, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await store.PutAsync(FromApplicationMessage(message), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "The retained message of {Topic} could not be stored durably", message.Topic);
            throw;
        }
    }

    public Task ClearedAsync(EventArgs e) => store.ClearAsync(CancellationToken.None);

    private RetainedMessage FromApplicationMessage(MqttApplicationMessage message)
    {
        // §3.3.2.3.3: the interval counts from the moment the server received the message.
        DateTimeOffset? expiresAt = message.MessageExpiryInterval > 0 ? time.GetUtcNow().AddSeconds(message.MessageExpiryInterval) : null;
        var userProperties = message.UserProperties is { Count: > 0 } properties
            ? properties.Select(p => new KeyValuePair<string, string>(p.Name, p.ReadValueAsString())).ToList()
            : [];
        return new RetainedMessage(
            message.Topic,
            message.Payload.ToArray(),
            (int)message.QualityOfServiceLevel,
            (int)message.PayloadFormatIndicator,
            message.ContentType,
            message.ResponseTopic,
            message.CorrelationData,
            userProperties,
            expiresAt);
    }

    private static MqttApplicationMessage ToApplicationMessage(RetainedMessage stored, DateTimeOffset now)
    {
        var message = new MqttApplicationMessage
        {
            Topic = stored.Topic,
            Payload = new ReadOnlySequence<byte>(stored.Payload),
            QualityOfServiceLevel = (MqttQualityOfServiceLevel)stored.Qos,
            PayloadFormatIndicator = (MqttPayloadFormatIndicator)stored.PayloadFormat,
            ContentType = stored.ContentType,
            ResponseTopic = stored.ResponseTopic,
            CorrelationData = stored.CorrelationData,
            Retain = true,
            UserProperties = stored.UserProperties.Count == 0
                ? null
                : [.. stored.UserProperties.Select(p => new MqttUserProperty(p.Key, new ReadOnlyMemory<byte>(System.Text.Encoding.UTF8.GetBytes(p.Value))))],
        };

        if (stored.ExpiresAt is { } expiresAt)
        {
            // §3.3.2.3.3: a forwarded message carries what is left of its interval, not the interval it was sent with.
            message.MessageExpiryInterval = (uint)Math.Max(1, Math.Ceiling((expiresAt - now).TotalSeconds));
        }

        return message;
    }
}
