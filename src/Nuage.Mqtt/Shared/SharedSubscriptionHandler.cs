using MQTTnet.Packets;
using MQTTnet.Server;
using Nuage.Iot.Topics;

namespace Nuage.Mqtt.Shared;

/// <summary>
/// The broker events shared subscriptions need besides SUBSCRIBE and delivery: marking <c>$share/</c> filters as
/// SUBSCRIBE packets arrive (<see cref="SharedFilterMarker"/>), announcing Shared Subscription Available in an MQTT 5
/// CONNACK (§3.2.2.3.14: MQTTnet says 0 there), and keeping <see cref="SharedSubscriptions"/> told which members are
/// connected and which sessions ended.
/// </summary>
public sealed class SharedSubscriptionHandler(SharedSubscriptions shares)
{
    public Task MarkAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttSubscribePacket { TopicFilters: { } filters })
        {
            foreach (var filter in filters)
            {
                if (SharedFilter.IsShared(filter.Topic))
                {
                    filter.Topic = SharedFilterMarker.Wrap(filter.Topic);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task AnnounceAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttConnAckPacket connAck)
        {
            connAck.SharedSubscriptionAvailable = true;
        }

        return Task.CompletedTask;
    }

    public Task ConnectedAsync(ClientConnectedEventArgs e)
    {
        shares.Connected(e.ClientId);
        return Task.CompletedTask;
    }

    public Task DisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        // A session taken over by a new connection stays connected: the new connection's ClientConnected came first.
        if (e.DisconnectType != MqttClientDisconnectType.Takeover)
        {
            shares.Disconnected(e.ClientId);
        }

        return Task.CompletedTask;
    }

    public Task DeletedAsync(SessionDeletedEventArgs e)
    {
        shares.Forget(e.Id);
        return Task.CompletedTask;
    }
}
