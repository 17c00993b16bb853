using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Server;
using Nuage.Iot.Topics;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// MQTT 5 Subscription Identifiers (§3.8.2.1.2) of persistent sessions across a restart of the process. A PUBLISH
/// carries the identifiers of every subscription of its receiver that matched it (§3.3.2.3.8, §3.3.4). MQTTnet keeps
/// them with its in-memory subscriptions but says nothing of them to its events, and the subscriptions it recreates
/// for a resumed session (MqttServer.SubscribeAsync) can carry none. So this class:
/// <list type="bullet">
/// <item>notes the identifier of the SUBSCRIBE a connection is processing (MQTTnet handles a connection's SUBSCRIBE
/// in its receive loop, between reading it and reading the next packet), so the subscriptions it creates are stored
/// with it (<see cref="SessionPersistenceHandler"/>);</item>
/// <item>after a restart, remembers the identifiers of the restored subscriptions and adds them to the PUBLISHes that
/// match them on their way out (<see cref="OutboundTopicHandler"/>), until the client subscribes to the same filter
/// again (the new subscription replaces the old with its own identifier, §3.8.4) or unsubscribes.</item>
/// </list>
/// A member of a share is stored under its <c>$share/</c> name with its identifier, and restored with it too.
/// </summary>
public sealed class SubscriptionIdentifiers
{
    // The identifier of the SUBSCRIBE each connection is processing (0: none), by broker client id.
    private readonly ConcurrentDictionary<string, uint> _subscribing = new(StringComparer.Ordinal);

    // While a resumed session's subscriptions are recreated (they are not stored again): the stored identifier of each
    // by stored name, and the broker filters MQTTnet has recreated so far (a filter the client lost the right to is not).
    private readonly ConcurrentDictionary<string, (IReadOnlyDictionary<string, uint> Stored, List<string> Recreated)> _restoring =
        new(StringComparer.Ordinal);

    // Restored subscriptions whose identifier MQTTnet does not know, by client, then by broker filter.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, uint>> _restored = new(StringComparer.Ordinal);

    // How many clients have restored identifiers: the outbound path looks no further while there are none.
    private int _restoredClients;

    /// <summary>InterceptingInboundPacketAsync: a SUBSCRIBE's identifier, read before MQTTnet creates its subscriptions.</summary>
    public Task InboundAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttSubscribePacket subscribe)
        {
            if (subscribe.SubscriptionIdentifier > 0)
            {
                _subscribing[e.ClientId] = subscribe.SubscriptionIdentifier;
            }
            else
            {
                _subscribing.TryRemove(e.ClientId, out _);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The identifier to store for a subscription MQTTnet just created for the client's SUBSCRIBE (0: none).</summary>
    public uint Of(string clientId) => _subscribing.TryGetValue(clientId, out var identifier) ? identifier : 0;

    /// <summary>Whether the subscriptions MQTTnet is creating for the client are a resumed session's stored ones.</summary>
    public bool IsRestoring(string clientId) => _restoring.ContainsKey(clientId);

    /// <summary>The stored identifiers of a resumed session's subscriptions, while MQTTnet recreates them.</summary>
    public void Restoring(string clientId, IReadOnlyDictionary<string, uint> storedIdentifiers) =>
        _restoring[clientId] = (storedIdentifiers, []);

    /// <summary>MQTTnet recreated the subscription to <paramref name="brokerFilter"/> of a resumed session.</summary>
    public void Recreated(string clientId, string brokerFilter)
    {
        if (_restoring.TryGetValue(clientId, out var restoring))
        {
            restoring.Recreated.Add(brokerFilter);
        }
    }

    /// <summary>
    /// The restored subscriptions are back in MQTTnet: those recreated as ordinary subscriptions with a stored identifier
    /// get it added to their messages from now on.
    /// </summary>
    public void Restored(string clientId)
    {
        if (!_restoring.TryRemove(clientId, out var restoring))
        {
            return;
        }

        var kept = new ConcurrentDictionary<string, uint>(StringComparer.Ordinal);
        foreach (var filter in restoring.Recreated)
        {
            if (StoredIdentifier(restoring.Stored, filter) is var identifier and > 0)
            {
                kept[filter] = identifier;
            }
        }

        if (kept.IsEmpty)
        {
            Forget(clientId);
        }
        else if (_restored.TryAdd(clientId, kept))
        {
            Interlocked.Increment(ref _restoredClients);
        }
        else
        {
            _restored[clientId] = kept;
        }
    }

    /// <summary>
    /// The stored identifier of the subscription MQTTnet recreated on <paramref name="brokerFilter"/>. An ordinary
    /// subscription is stored under its broker filter, a member of a share under <c>$share/NAME/</c> and the broker
    /// filter; MQTTnet holds both as one subscription on that filter, with one identifier (its latest SUBSCRIBE's),
    /// so the ordinary subscription's when the session holds one, else a share's.
    /// </summary>
    private static uint StoredIdentifier(IReadOnlyDictionary<string, uint> stored, string brokerFilter)
    {
        if (stored.TryGetValue(brokerFilter, out var plain))
        {
            return plain;
        }

        foreach (var (name, identifier) in stored)
        {
            if (identifier > 0 && SharedFilter.TryParse(name, out var shared) && string.Equals(shared.Filter, brokerFilter, StringComparison.Ordinal))
            {
                return identifier;
            }
        }

        return 0;
    }

    /// <summary>
    /// The client subscribed to <paramref name="brokerFilter"/> again or unsubscribed from it: MQTTnet's subscription
    /// (with its own identifier, or none) is the only one now.
    /// </summary>
    public void Replaced(string clientId, string brokerFilter)
    {
        if (!_restoring.ContainsKey(clientId) && _restored.TryGetValue(clientId, out var restored) && restored.TryRemove(brokerFilter, out _) && restored.IsEmpty)
        {
            Forget(clientId);
        }
    }

    /// <summary>The connection ended: it processes no SUBSCRIBE any more.</summary>
    public void ConnectionEnded(string clientId) => _subscribing.TryRemove(clientId, out _);

    /// <summary>The session ended (or a new one began under its client id): nothing of it is kept.</summary>
    public void Forget(string clientId)
    {
        if (_restored.TryRemove(clientId, out _))
        {
            Interlocked.Decrement(ref _restoredClients);
        }
    }

    /// <summary>
    /// <paramref name="outbound"/> with the identifiers of the restored subscriptions of <paramref name="clientId"/> that
    /// match <paramref name="brokerTopic"/> added to those MQTTnet set (each once); the same packet when there are none.
    /// </summary>
    public void AddRestored(string clientId, string brokerTopic, MqttPublishPacket outbound)
    {
        if (Volatile.Read(ref _restoredClients) == 0 || !_restored.TryGetValue(clientId, out var restored))
        {
            return;
        }

        List<uint>? identifiers = null;
        foreach (var (filter, identifier) in restored)
        {
            if (MqttTopicFilterComparer.Compare(brokerTopic, filter) != MqttTopicFilterCompareResult.IsMatch
                || (outbound.SubscriptionIdentifiers?.Contains(identifier) ?? false) || (identifiers?.Contains(identifier) ?? false))
            {
                continue;
            }

            // A new list: MQTTnet's may be shared between receivers (its empty one is).
            identifiers ??= outbound.SubscriptionIdentifiers is { } existing ? [.. existing] : [];
            identifiers.Add(identifier);
        }

        if (identifiers is not null)
        {
            identifiers.Sort();
            outbound.SubscriptionIdentifiers = identifiers;
        }
    }
}
