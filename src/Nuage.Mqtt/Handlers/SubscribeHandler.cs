using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Iot.Topics;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// SUBSCRIBE (InterceptingSubscriptionAsync), once per topic filter: checks the filter, decides iot:Subscribe on
/// the topicfilter ARN, then moves the filter into the subscriber's account namespace, where '#' and '+' can match
/// that account's topics only. A refused filter gets its failure code in SUBACK (MQTT 5 §3.9.3; MQTT 3.1.1 sends
/// 0x80 for every failure). Shared subscriptions ($share/...) never reach this handler: MQTTnet 5 refuses them
/// itself with Shared Subscriptions not supported (0x9E) and says so in CONNACK (docs/iot.md).
/// </summary>
public sealed class SubscribeHandler(Nuage.Iot.Authorization.IotAuthorizationService authorization, ConnectedClients clients)
{
    public async Task HandleAsync(InterceptingSubscriptionEventArgs e)
    {
        var subscriber = clients.Find(e.ClientId);
        var filter = e.TopicFilter;
        if (subscriber is null || filter is null)
        {
            Refuse(e, MqttSubscribeReasonCode.NotAuthorized);
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
    }

    private static void Refuse(InterceptingSubscriptionEventArgs e, MqttSubscribeReasonCode reason)
    {
        e.ProcessSubscription = false;
        e.Response.ReasonCode = reason;
    }
}
