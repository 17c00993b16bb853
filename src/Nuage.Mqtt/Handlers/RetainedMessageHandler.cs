using Microsoft.Extensions.Logging;
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
public sealed class RetainedMessageHandler(RetainedMessageStore store, MessageExpiryClock expiry, TimeProvider time, ILogger<RetainedMessageHandler> logger)
{
    public async Task LoadAsync(LoadingRetainedMessagesEventArgs e)
    {
        var now = time.GetUtcNow();
        foreach (var stored in await store.LoadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            var message = StoredMessageConversion.ToApplicationMessage(stored, now, retain: true);
            if (stored.ExpiresAt is { } expiresAt)
            {
                expiry.Start(message.Payload, expiresAt);
            }

            e.LoadedRetainedMessages.Add(message);
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
                await store.PutAsync(StoredMessageConversion.ToStored(message, time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "The retained message of {Topic} could not be stored durably", message.Topic);
            throw;
        }
    }

    public Task ClearedAsync(EventArgs e) => store.ClearAsync(CancellationToken.None);
}
