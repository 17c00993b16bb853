using MQTTnet.Protocol;
using MQTTnet.Server;
using MQTTnet.Packets;
using Nuage.Iot.Topics;
using Nuage.Mqtt.Shared;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// SUBSCRIBE (InterceptingSubscriptionAsync), once per topic filter: checks the filter, decides iot:Subscribe on
/// the topicfilter ARN, then moves the filter into the subscriber's account namespace, where '#' and '+' can match
/// that account's topics only. A refused filter gets its failure code in SUBACK (MQTT 5 §3.9.3; MQTT 3.1.1 sends
/// 0x80 for every failure). A shared subscription arrives marked (<see cref="SharedFilterMarker"/>) and joins its
/// share in <see cref="SharedSubscriptions"/> once allowed.
/// </summary>
public sealed class SubscribeHandler(Nuage.Iot.Authorization.IotAuthorizationService authorization, ConnectedClients clients, SharedSubscriptions shares)
{
    public async Task HandleAsync(InterceptingSubscriptionEventArgs e)
    {
        try
        {
            await DecideAsync(e).ConfigureAwait(false);
        }
        catch (Exception ex) when (TransientFailure.Is(ex))
        {
            // The subscriber's policies cannot be read while the metadata database is away: this filter fails with
            // 0x83 Implementation specific error (MQTT 5 §3.9.3; 3.1.1 sends 0x80), and the client may subscribe again.
            Refuse(e, MqttSubscribeReasonCode.ImplementationSpecificError);
        }
    }

    private async Task DecideAsync(InterceptingSubscriptionEventArgs e)
    {
        var subscriber = clients.Find(e.ClientId);
        var filter = e.TopicFilter;
        if (subscriber is null || filter is null)
        {
            Refuse(e, MqttSubscribeReasonCode.NotAuthorized);
            return;
        }

        if (SharedFilterMarker.TryUnwrap(filter.Topic, out var sharedText))
        {
            await HandleSharedAsync(e, subscriber, filter, sharedText).ConfigureAwait(false);
            return;
        }

        var verdict = TopicRules.CheckFilter(filter.Topic);
        if (verdict != TopicVerdict.Valid)
        {
            Refuse(e, MqttSubscribeReasonCode.TopicFilterInvalid);
            e.CloseConnection = verdict == TopicVerdict.Malformed;
            return;
        }

        if (!await authorization.MaySubscribeAsync(subscriber.Identity, filter.Topic, subscriber.Facts, e.CancellationToken).ConfigureAwait(false))
        {
            Refuse(e, MqttSubscribeReasonCode.NotAuthorized);
            return;
        }

        filter.Topic = TopicNamespace.ToBroker(subscriber.Identity.AccountId, filter.Topic);
        shares.AddPlain(e.ClientId, filter.Topic);
    }

    /// <summary>
    /// <c>$share/NAME/FILTER</c> (MQTT 5 §4.8.2). The broker holds FILTER as the member's subscription, without
    /// retained messages: MQTT 5 §4.8.2 does not send retained messages to a session establishing a shared
    /// subscription (and Mosquitto, EMQX and HiveMQ do not either); which member receives each message is decided
    /// at delivery.
    /// </summary>
    private async Task HandleSharedAsync(InterceptingSubscriptionEventArgs e, MqttConnection subscriber, MqttTopicFilter filter, string sharedText)
    {
        if (!SharedFilter.TryParse(sharedText, out var shared) || TopicRules.CheckFilter(shared.Filter) != TopicVerdict.Valid)
        {
            Refuse(e, MqttSubscribeReasonCode.TopicFilterInvalid);
            return;
        }

        if (filter.NoLocal)
        {
            // §3.8.3.1: "It is a Protocol Error to set the No Local bit to 1 on a Shared Subscription" [MQTT-3.8.3-4].
            Refuse(e, MqttSubscribeReasonCode.TopicFilterInvalid);
            e.CloseConnection = true;
            return;
        }

        if (!await authorization.MaySubscribeSharedAsync(subscriber.Identity, shared, subscriber.Facts, e.CancellationToken).ConfigureAwait(false))
        {
            Refuse(e, MqttSubscribeReasonCode.NotAuthorized);
            return;
        }

        filter.Topic = TopicNamespace.ToBroker(subscriber.Identity.AccountId, shared.Filter);
        filter.RetainHandling = MqttRetainHandling.DoNotSendOnSubscribe;
        shares.Join(e.ClientId, shared.ShareName, filter.Topic, (int)filter.QualityOfServiceLevel);
    }

    private static void Refuse(InterceptingSubscriptionEventArgs e, MqttSubscribeReasonCode reason)
    {
        e.ProcessSubscription = false;
        e.Response.ReasonCode = reason;
    }
}
