using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Iot.Topics;
using Nuage.Mqtt.Shared;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// UNSUBSCRIBE. MQTTnet's InterceptingUnsubscriptionAsync cannot change the filter, so the filters are moved into
/// the account namespace when the packet arrives (InterceptingInboundPacketAsync), where SUBSCRIBE put them. A
/// filter the hub would not accept is replaced by a marker no subscription can carry (it starts with U+0000,
/// which <see cref="TopicRules"/> refuses everywhere), and its UNSUBACK code is Topic Filter invalid (0x8F).
/// A <c>$share/NAME/FILTER</c> leaves its share; the broker's one subscription on FILTER stays while the client
/// still holds another on it (an ordinary one, or another share's), since MQTTnet keys subscriptions by filter.
/// </summary>
public sealed class UnsubscribeHandler(ConnectedClients clients, SharedSubscriptions shares, SessionPersistenceHandler sessions)
{
    private const string InvalidMarker = "\u0000invalid:";

    public async Task RewriteAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is not MqttUnsubscribePacket unsubscribe || unsubscribe.TopicFilters is not { } filters)
        {
            return;
        }

        var accountId = clients.Find(e.ClientId)?.Identity.AccountId;
        for (var i = 0; i < filters.Count; i++)
        {
            filters[i] = await ToBrokerAsync(e.ClientId, accountId, filters[i]).ConfigureAwait(false);
        }
    }

    public async Task AnswerAsync(InterceptingUnsubscriptionEventArgs e)
    {
        if (e.Topic.StartsWith(InvalidMarker, StringComparison.Ordinal))
        {
            e.ProcessUnsubscription = false;
            e.Response.ReasonCode = MqttUnsubscribeReasonCode.TopicFilterInvalid;
        }
        else if (shares.HoldsAny(e.ClientId, e.Topic))
        {
            // The client unsubscribed one of several subscriptions the broker holds as one: that one is gone from
            // the registry (and from the stored session below), the broker's stays for the others.
            e.ProcessUnsubscription = false;
            e.Response.ReasonCode = MqttUnsubscribeReasonCode.Success;
            if (!shares.HeldOn(e.ClientId, e.Topic).Plain)
            {
                await sessions.ForgetStoredSubscriptionAsync(e.ClientId, e.Topic).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<string> ToBrokerAsync(string clientId, string? accountId, string filter)
    {
        if (accountId is null)
        {
            return InvalidMarker + filter;
        }

        if (SharedFilter.IsShared(filter))
        {
            if (!SharedFilter.TryParse(filter, out var shared) || TopicRules.CheckFilter(shared.Filter) != TopicVerdict.Valid)
            {
                return InvalidMarker + filter;
            }

            var brokerFilter = TopicNamespace.ToBroker(accountId, shared.Filter);
            shares.Leave(clientId, shared.ShareName, brokerFilter);
            await sessions.ForgetStoredSubscriptionAsync(clientId, SessionPersistenceHandler.StoredShareName(shared.ShareName, brokerFilter)).ConfigureAwait(false);
            return brokerFilter;
        }

        if (TopicRules.CheckFilter(filter) != TopicVerdict.Valid)
        {
            return InvalidMarker + filter;
        }

        var plain = TopicNamespace.ToBroker(accountId, filter);
        shares.RemovePlain(clientId, plain);
        return plain;
    }
}
