using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Iot.Topics;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// UNSUBSCRIBE. MQTTnet's InterceptingUnsubscriptionAsync cannot change the filter, so the filters are moved into
/// the account namespace when the packet arrives (InterceptingInboundPacketAsync), where SUBSCRIBE put them. A
/// filter the hub would not accept is replaced by a marker no subscription can carry (it starts with U+0000,
/// which <see cref="TopicRules"/> refuses everywhere), and its UNSUBACK code is Topic Filter invalid (0x8F).
/// </summary>
public sealed class UnsubscribeHandler(ConnectedClients clients)
{
    private const string InvalidMarker = "\u0000invalid:";

    public Task RewriteAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is not MqttUnsubscribePacket unsubscribe || unsubscribe.TopicFilters is not { } filters)
        {
            return Task.CompletedTask;
        }

        var accountId = clients.Find(e.ClientId)?.Identity.AccountId;
        for (var i = 0; i < filters.Count; i++)
        {
            filters[i] = accountId is not null && TopicRules.CheckFilter(filters[i]) == TopicVerdict.Valid
                ? TopicNamespace.ToBroker(accountId, filters[i])
                : InvalidMarker + filters[i];
        }

        return Task.CompletedTask;
    }

    public Task AnswerAsync(InterceptingUnsubscriptionEventArgs e)
    {
        if (e.Topic.StartsWith(InvalidMarker, StringComparison.Ordinal))
        {
            e.ProcessUnsubscription = false;
            e.Response.ReasonCode = MqttUnsubscribeReasonCode.TopicFilterInvalid;
        }

        return Task.CompletedTask;
    }
}
