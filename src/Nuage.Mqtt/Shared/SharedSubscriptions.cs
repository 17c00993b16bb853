using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MQTTnet;

namespace Nuage.Mqtt.Shared;

/// <summary>
/// Shared subscriptions (MQTT 5 §4.8.2), which MQTTnet 5 does not have: the broker holds each member's filter as an
/// ordinary subscription (so MQTTnet matches it, with its QoS, identifiers and queue), and this registry decides at
/// each delivery (InterceptingClientEnqueueAsync) which one member of a share receives the message. A share is its
/// name and its filter in the broker's namespaced form, so the account is part of it: two accounts using the same
/// share name and filter are two shares, and a message of one never reaches the other's members.
/// </summary>
/// <remarks>
/// MQTTnet asks about every subscribed session of one PUBLISH in turn with the same message object, so the choice is
/// made once per message and share and remembered against that object (a weak table: it lives as long as the message).
/// Members are taken in turn, connected ones first ([MQTT-4.8.2] leaves the choice to the server; a disconnected
/// persistent member is chosen only when no member is connected, and its session queues the message).
/// </remarks>
public sealed class SharedSubscriptions
{
    private readonly ConcurrentDictionary<string, ClientFilters> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ShareKey, Share> _shares = new();
    private readonly ConcurrentDictionary<string, byte> _online = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<MqttApplicationMessage, Choices> _choices = new();
    private readonly ConcurrentDictionary<(string ClientId, ShareKey Share), int> _grantedQos = new();

    public void AddPlain(string clientId, string brokerFilter) => FiltersOf(clientId).AddPlain(brokerFilter);

    /// <summary>Forgets an ordinary subscription; true when the client still holds a shared one on the same filter.</summary>
    public bool RemovePlain(string clientId, string brokerFilter) =>
        _clients.TryGetValue(clientId, out var filters) && filters.RemovePlain(brokerFilter);

    public void Join(string clientId, string shareName, string brokerFilter, int qos = 2)
    {
        var key = new ShareKey(shareName, brokerFilter);
        _grantedQos[(clientId, key)] = qos;
        if (FiltersOf(clientId).Join(key))
        {
            _shares.GetOrAdd(key, _ => new Share()).Add(clientId);
        }
    }

    /// <summary>Leaves a share; false when the client was not a member.</summary>
    public bool Leave(string clientId, string shareName, string brokerFilter)
    {
        var key = new ShareKey(shareName, brokerFilter);
        if (!_clients.TryGetValue(clientId, out var filters) || !filters.Leave(key))
        {
            return false;
        }

        if (_shares.TryGetValue(key, out var share))
        {
            share.Remove(clientId);
        }

        _grantedQos.TryRemove((clientId, key), out _);
        return true;
    }

    /// <summary>True when the client holds any subscription, ordinary or shared, on the broker filter.</summary>
    public bool HoldsAny(string clientId, string brokerFilter) =>
        _clients.TryGetValue(clientId, out var filters) && filters.HoldsAny(brokerFilter);

    /// <summary>What the client holds on one broker filter: an ordinary subscription, and the shares it is a member of.</summary>
    public (bool Plain, IReadOnlyList<string> ShareNames) HeldOn(string clientId, string brokerFilter) =>
        _clients.TryGetValue(clientId, out var filters) ? filters.HeldOn(brokerFilter) : (true, []);

    /// <summary>The session ended: it leaves every share.</summary>
    public void Forget(string clientId)
    {
        _online.TryRemove(clientId, out _);
        if (!_clients.TryRemove(clientId, out var filters))
        {
            return;
        }

        foreach (var key in filters.Shares())
        {
            if (_shares.TryGetValue(key, out var share))
            {
                share.Remove(clientId);
            }

            _grantedQos.TryRemove((clientId, key), out _);
        }
    }

    public void Connected(string clientId) => _online[clientId] = 0;

    /// <summary>
    /// Whether the client's connection is up now (not a session waiting for its client). Kept for the shares' choice of
    /// member; the offline queue asks it too, as a connected client gets its message at once (Broker/DeferredRowWrites).
    /// </summary>
    public bool IsConnected(string clientId) => _online.ContainsKey(clientId);

    public void Disconnected(string clientId) => _online.TryRemove(clientId, out _);

    /// <summary>
    /// Whether <paramref name="receiverClientId"/> gets the message: always through an ordinary subscription that
    /// matches, and through a share only when it is the member chosen for this message.
    /// </summary>
    public bool ShouldDeliver(MqttApplicationMessage message, string receiverClientId)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_clients.TryGetValue(receiverClientId, out var filters) || !filters.HasShares)
        {
            return true;
        }

        var (plain, shares) = filters.Snapshot();
        foreach (var filter in plain)
        {
            if (MqttTopicFilterComparer.Compare(message.Topic, filter) == MqttTopicFilterCompareResult.IsMatch)
            {
                return true;
            }
        }

        foreach (var key in shares)
        {
            if (MqttTopicFilterComparer.Compare(message.Topic, key.BrokerFilter) == MqttTopicFilterCompareResult.IsMatch
                && string.Equals(Choose(message, key), receiverClientId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The share through which <paramref name="receiverClientId"/> receives the message, with the QoS its member was
    /// granted; null when it receives it through an ordinary subscription, or not at all. Asked after
    /// <see cref="ShouldDeliver"/> for the same message, so the choice it made holds.
    /// </summary>
    public (ShareKey Share, int GrantedQos)? ShareDelivering(MqttApplicationMessage message, string receiverClientId)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_clients.TryGetValue(receiverClientId, out var filters) || !filters.HasShares)
        {
            return null;
        }

        var (plain, shares) = filters.Snapshot();
        if (plain.Any(filter => MqttTopicFilterComparer.Compare(message.Topic, filter) == MqttTopicFilterCompareResult.IsMatch))
        {
            return null;
        }

        foreach (var key in shares)
        {
            if (MqttTopicFilterComparer.Compare(message.Topic, key.BrokerFilter) == MqttTopicFilterCompareResult.IsMatch
                && string.Equals(Choose(message, key), receiverClientId, StringComparison.Ordinal))
            {
                return (key, _grantedQos.TryGetValue((receiverClientId, key), out var qos) ? qos : 2);
            }
        }

        return null;
    }

    /// <summary>
    /// The share through which <paramref name="clientId"/> received a message on <paramref name="brokerTopic"/> that it
    /// holds from before a restart (the store does not say), with the QoS it was granted: one of its shares whose filter
    /// matches, when no ordinary subscription of its does (then the message came through that one, as MQTTnet sends a
    /// session one copy). Null when it holds none, or an ordinary subscription matches.
    /// </summary>
    public (ShareKey Share, int GrantedQos)? ShareHolding(string clientId, string brokerTopic)
    {
        if (!_clients.TryGetValue(clientId, out var filters) || !filters.HasShares)
        {
            return null;
        }

        var (plain, shares) = filters.Snapshot();
        if (plain.Any(filter => MqttTopicFilterComparer.Compare(brokerTopic, filter) == MqttTopicFilterCompareResult.IsMatch))
        {
            return null;
        }

        foreach (var key in shares)
        {
            if (MqttTopicFilterComparer.Compare(brokerTopic, key.BrokerFilter) == MqttTopicFilterCompareResult.IsMatch)
            {
                return (key, _grantedQos.TryGetValue((clientId, key), out var qos) ? qos : 2);
            }
        }

        return null;
    }

    /// <summary>
    /// A connected member of the share other than <paramref name="except"/>, taken in turn, with the QoS it was
    /// granted; null when there is none.
    /// </summary>
    public (string ClientId, int GrantedQos)? ConnectedMember(ShareKey key, string except)
    {
        if (!_shares.TryGetValue(key, out var share) || share.NextConnected(_online, except) is not { } member)
        {
            return null;
        }

        return (member, _grantedQos.TryGetValue((member, key), out var qos) ? qos : 2);
    }

    private string? Choose(MqttApplicationMessage message, ShareKey key)
    {
        var choices = _choices.GetValue(message, _ => new Choices());
        lock (choices)
        {
            if (!choices.ByShare.TryGetValue(key, out var chosen))
            {
                chosen = _shares.TryGetValue(key, out var share) ? share.Next(_online) : null;
                choices.ByShare[key] = chosen;
            }

            return chosen;
        }
    }

    private ClientFilters FiltersOf(string clientId) => _clients.GetOrAdd(clientId, _ => new ClientFilters());

    /// <summary>One share: its name and its filter in the broker's namespaced form.</summary>
    public readonly record struct ShareKey(string ShareName, string BrokerFilter);

    /// <summary>The chosen member of each share for one message.</summary>
    private sealed class Choices
    {
        public Dictionary<ShareKey, string?> ByShare { get; } = [];
    }

    /// <summary>The members of one share, taken in turn.</summary>
    private sealed class Share
    {
        private readonly List<string> _members = [];
        private int _next;

        public void Add(string clientId)
        {
            lock (_members)
            {
                if (!_members.Contains(clientId, StringComparer.Ordinal))
                {
                    _members.Add(clientId);
                }
            }
        }

        public void Remove(string clientId)
        {
            lock (_members)
            {
                _members.Remove(clientId);
            }
        }

        public string? NextConnected(ConcurrentDictionary<string, byte> online, string except)
        {
            lock (_members)
            {
                for (var i = 0; i < _members.Count; i++)
                {
                    var index = (_next + i) % _members.Count;
                    var member = _members[index];
                    if (online.ContainsKey(member) && !string.Equals(member, except, StringComparison.Ordinal))
                    {
                        _next = index + 1;
                        return member;
                    }
                }

                return null;
            }
        }

        public string? Next(ConcurrentDictionary<string, byte> online)
        {
            lock (_members)
            {
                if (_members.Count == 0)
                {
                    return null;
                }

                for (var i = 0; i < _members.Count; i++)
                {
                    var index = (_next + i) % _members.Count;
                    if (online.ContainsKey(_members[index]))
                    {
                        _next = index + 1;
                        return _members[index];
                    }
                }

                return _members[_next++ % _members.Count];
            }
        }
    }

    /// <summary>One client's subscriptions as the registry needs them: ordinary filters and shares.</summary>
    private sealed class ClientFilters
    {
        private readonly HashSet<string> _plain = new(StringComparer.Ordinal);
        private readonly HashSet<ShareKey> _shares = [];
        private readonly Lock _gate = new();

        public bool HasShares
        {
            get
            {
                lock (_gate)
                {
                    return _shares.Count > 0;
                }
            }
        }

        public void AddPlain(string filter)
        {
            lock (_gate)
            {
                _plain.Add(filter);
            }
        }

        public bool RemovePlain(string filter)
        {
            lock (_gate)
            {
                _plain.Remove(filter);
                return _shares.Any(key => key.BrokerFilter == filter);
            }
        }

        public bool Join(ShareKey key)
        {
            lock (_gate)
            {
                return _shares.Add(key);
            }
        }

        public bool Leave(ShareKey key)
        {
            lock (_gate)
            {
                return _shares.Remove(key);
            }
        }

        public bool HoldsAny(string filter)
        {
            lock (_gate)
            {
                return _plain.Contains(filter) || _shares.Any(key => key.BrokerFilter == filter);
            }
        }

        public (bool Plain, IReadOnlyList<string> ShareNames) HeldOn(string filter)
        {
            lock (_gate)
            {
                return (_plain.Contains(filter), _shares.Where(key => key.BrokerFilter == filter).Select(key => key.ShareName).ToList());
            }
        }

        public ShareKey[] Shares()
        {
            lock (_gate)
            {
                return [.. _shares];
            }
        }

        public (string[] Plain, ShareKey[] Shares) Snapshot()
        {
            lock (_gate)
            {
                return ([.. _plain], [.. _shares]);
            }
        }
    }
}
