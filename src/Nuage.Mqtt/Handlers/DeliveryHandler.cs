using MQTTnet.Server;
using Nuage.Iot.Authorization;
using Nuage.Iot.Topics;
using Nuage.Mqtt.Shared;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// Each delivery, before MQTTnet queues a message for a subscriber (InterceptingClientEnqueueAsync, also called for
/// retained messages sent on SUBSCRIBE): the message must lie in the receiver's own account namespace, and the
/// receiver needs iot:Receive on the topic. The namespace check is the second wall of account isolation: even a
/// filter that matched across accounts by mistake could not deliver (docs/iot.md "Isolation").
/// </summary>
/// <remarks>A member of a shared subscription receives only the messages chosen for it (<see cref="SharedSubscriptions"/>).</remarks>
public sealed class DeliveryHandler(IotAuthorizationService authorization, ConnectedClients clients, SharedSubscriptions shares)
{
    public async Task HandleAsync(InterceptingClientApplicationMessageEnqueueEventArgs e)
    {
        // The topic, the receiver's client id and its identity all in one account (compared without making strings of it).
        var receiver = clients.Find(e.ReceiverClientId);
        if (receiver is null
            || !ClientIdNamespace.AccountOf(e.ReceiverClientId).SequenceEqual(receiver.Identity.AccountId)
            || !TopicNamespace.TryClientTopicIn(e.ApplicationMessage?.Topic, receiver.Identity.AccountId, out var topic)
            || !shares.ShouldDeliver(e.ApplicationMessage!, e.ReceiverClientId))
        {
            e.AcceptEnqueue = false;
            return;
        }

        e.AcceptEnqueue = await authorization.MayReceiveAsync(receiver.Identity, receiver.Identity.AccountId, topic, receiver.Facts, CancellationToken.None).ConfigureAwait(false);
    }
}
