using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Iot.Broker;
using Nuage.Iot.Topics;
using Nuage.Mqtt.Shared;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// Persistent sessions across a restart of the process (docs/iot.md "Persistence"), as far as MQTTnet 5 allows.
/// MQTTnet keeps a session in memory when its client asked for one (MQTT 5 Session Expiry Interval above 0,
/// §3.1.2.11.2; MQTT 3.1.1 clean session 0, §3.1.2.4) but offers no way to create a session for a client that is not
/// connected (its PreparingSessionAsync event is a placeholder). So this handler writes those sessions and their
/// subscriptions to the store as they change, and when a client with clean start 0 reconnects after a restart and
/// its stored session has not expired, it answers CONNACK with Session Present 1 (§3.2.2.1.1) and recreates the
/// subscriptions before the client's first packet is read. The subscriptions pass through
/// <see cref="SubscribeHandler"/> again, so they are restored only while the client still has the right.
/// Messages published after the restart, before the client is back, are queued for it by
/// <see cref="OfflineQueueHandler.PublishedAsync"/>; those published while the broker was down reach nobody.
/// </summary>
/// <remarks>
/// A shared subscription is stored as <c>$share/NAME/</c> followed by its broker filter, beside (not instead of) an
/// ordinary subscription on the same filter, and comes back through <see cref="SubscribeHandler"/> as one.
/// </remarks>
public sealed class SessionPersistenceHandler(
    PersistentSessionStore store, SharedSubscriptions shares, SubscriptionIdentifiers identifiers, TimeProvider time,
    ILogger<SessionPersistenceHandler> logger)
{
    private readonly ConcurrentDictionary<string, SessionRequest> _requests = new(StringComparer.Ordinal);

    /// <summary>The QoS granted to each filter of each persistent session, for messages queued while it is away.</summary>
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, int>> _granted = new(StringComparer.Ordinal);
    private MqttServer? _server;

    public void Bind(MqttServer server) => _server = server;

    public Task LoadAsync() => store.LoadAsync(CancellationToken.None);

    /// <summary>After the connect handler accepted a CONNECT: what session it asked for. A clean start ends a stored one.</summary>
    public async Task ValidatedAsync(ValidatingConnectionEventArgs e)
    {
        if (e.ReasonCode != MqttConnectReasonCode.Success)
        {
            return;
        }

        var cleanStart = e.CleanSession ?? true;
        long expiry = e.ProtocolVersion == MqttProtocolVersion.V500
            ? e.SessionExpiryInterval
            : cleanStart ? 0 : PersistentSessionStore.NeverExpires;
        _requests[e.ClientId] = new SessionRequest(cleanStart, expiry);
        if (cleanStart)
        {
            // §3.1.2.4: Clean Start 1 discards any existing session.
            try
            {
                await store.ForgetSessionAsync(e.ClientId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (TransientFailure.Is(ex))
            {
                // The old session cannot be discarded while the metadata database is away, so the client may not
                // start a clean one now: 0x88 Server unavailable (MQTT 5 §3.2.2.2; 3.1.1's 0x03).
                _requests.TryRemove(e.ClientId, out _);
                e.ReasonCode = MqttConnectReasonCode.ServerUnavailable;
            }
        }
    }

    /// <summary>CONNACK of a client resuming a session from before the restart: Session Present 1 (§3.2.2.1.1).</summary>
    public Task MarkSessionPresentAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttConnAckPacket { ReasonCode: MqttConnectReasonCode.Success } connAck && _requests.TryGetValue(e.ClientId, out var request))
        {
            if (!connAck.IsSessionPresent && !request.CleanStart && store.IsRestorable(e.ClientId))
            {
                connAck.IsSessionPresent = true;
            }

            request.SessionPresent = connAck.IsSessionPresent;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The connection is up, its packets not yet read: records the session if it persists, and recreates the
    /// subscriptions of a session from before the restart.
    /// </summary>
    public async Task ConnectedAsync(ClientConnectedEventArgs e)
    {
        if (!_requests.TryGetValue(e.ClientId, out var request))
        {
            return;
        }

        if (!request.SessionPresent)
        {
            // A new session: whatever was stored under this id (a session that expired before its client came back)
            // must not come back with a later restart.
            identifiers.Forget(e.ClientId);
            await store.ForgetSessionAsync(e.ClientId, CancellationToken.None).ConfigureAwait(false);
        }

        if (request.Persists)
        {
            await store.SaveSessionAsync(e.ClientId, request.ExpirySeconds, null, CancellationToken.None).ConfigureAwait(false);
        }

        if (!request.SessionPresent || _server is null || !store.TryTake(e.ClientId, out var subscriptions) || subscriptions.Count == 0)
        {
            return;
        }

        var filters = new List<MqttTopicFilter>(subscriptions.Count);
        var storedIdentifiers = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var subscription in subscriptions)
        {
            storedIdentifiers[subscription.TopicFilter] = subscription.Identifier;
            if (ClientFilterOf(subscription.TopicFilter) is { } clientFilter)
            {
                filters.Add(new MqttTopicFilter
                {
                    Topic = clientFilter,
                    QualityOfServiceLevel = (MqttQualityOfServiceLevel)subscription.Qos,
                    NoLocal = subscription.NoLocal,
                    RetainAsPublished = subscription.RetainAsPublished,
                    // A resumed session does not subscribe anew: no retained messages now (§3.3.1.3).
                    RetainHandling = MqttRetainHandling.DoNotSendOnSubscribe,
                });
            }
        }

        identifiers.Restoring(e.ClientId, storedIdentifiers);
        try
        {
            await _server.SubscribeAsync(e.ClientId, filters).ConfigureAwait(false);
        }
        catch (InvalidOperationException exception)
        {
            // The client left again before its session was rebuilt; its stored subscriptions stay for next time.
            logger.LogDebug(exception, "Session of {ClientId} ended before its subscriptions were restored", e.ClientId);
        }
        finally
        {
            identifiers.Restored(e.ClientId);
        }
    }

    public async Task SubscribedAsync(ClientSubscribedTopicEventArgs e)
    {
        if (_requests.TryGetValue(e.ClientId, out var request) && request.Persists)
        {
            var filter = e.TopicFilter;
            identifiers.Replaced(e.ClientId, filter.Topic);
            _granted.GetOrAdd(e.ClientId, _ => new(StringComparer.Ordinal))[filter.Topic] = (int)filter.QualityOfServiceLevel;
            if (identifiers.IsRestoring(e.ClientId))
            {
                identifiers.Recreated(e.ClientId, filter.Topic);
                // A stored subscription coming back after a restart is in the store as it is: not written again.
                return;
            }

            var (plain, shareNames) = shares.HeldOn(e.ClientId, filter.Topic);
            if (plain)
            {
                await SaveAsync(filter.Topic).ConfigureAwait(false);
            }

            foreach (var shareName in shareNames)
            {
                await SaveAsync(StoredShareName(shareName, filter.Topic)).ConfigureAwait(false);
            }
        }

        Task SaveAsync(string storedName) => store.SaveSubscriptionAsync(
            e.ClientId,
            new PersistentSubscription(
                storedName, (int)e.TopicFilter.QualityOfServiceLevel, e.TopicFilter.NoLocal, e.TopicFilter.RetainAsPublished, (int)e.TopicFilter.RetainHandling,
                identifiers.Of(e.ClientId)),
            CancellationToken.None);
    }

    /// <summary>Removes one stored subscription of a persistent session (UNSUBSCRIBE of one of several the broker holds as one).</summary>
    public async Task ForgetStoredSubscriptionAsync(string clientId, string storedName)
    {
        if (_requests.TryGetValue(clientId, out var request) && request.Persists)
        {
            await store.DeleteSubscriptionAsync(clientId, storedName, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the client's CONNECT resumed an existing session (CONNACK Session Present 1).</summary>
    public bool Resumed(string clientId) => _requests.TryGetValue(clientId, out var request) && request.SessionPresent;

    /// <summary>Whether the client's session outlives its connection (and so keeps a queue while it is away).</summary>
    public bool Persists(string clientId) => _requests.TryGetValue(clientId, out var request) && request.Persists;

    /// <summary>
    /// The QoS a persistent session receives a message of <paramref name="brokerTopic"/> with: the highest granted to
    /// its matching filters (MQTT 5 §3.8.4: overlapping subscriptions deliver once, at the highest QoS), capped by the
    /// message's own (§4.3); null when none matches.
    /// </summary>
    public int? DeliveryQos(string clientId, string brokerTopic, int publishedQos)
    {
        if (!_granted.TryGetValue(clientId, out var granted))
        {
            return null;
        }

        var best = -1;
        foreach (var (filter, qos) in granted)
        {
            if (qos > best && MQTTnet.MqttTopicFilterComparer.Compare(brokerTopic, filter) == MQTTnet.MqttTopicFilterCompareResult.IsMatch)
            {
                best = qos;
            }
        }

        return best < 0 ? null : Math.Min(best, publishedQos);
    }

    /// <summary>How a member of a share is stored: the share's text around the broker's filter.</summary>
    public static string StoredShareName(string shareName, string brokerFilter) => new SharedFilter(shareName, brokerFilter).ToString();

    /// <summary>The filter a client would send for a stored subscription: its own form, or a marked shared one.</summary>
    private static string? ClientFilterOf(string storedName)
    {
        if (SharedFilter.TryParse(storedName, out var shared))
        {
            return TopicNamespace.TryFromBroker(shared.Filter, out _, out var sharedClientFilter)
                ? SharedFilterMarker.Wrap(new SharedFilter(shared.ShareName, sharedClientFilter))
                : null;
        }

        return TopicNamespace.TryFromBroker(storedName, out _, out var clientFilter) ? clientFilter : null;
    }

    public async Task UnsubscribedAsync(ClientUnsubscribedTopicEventArgs e)
    {
        identifiers.Replaced(e.ClientId, e.TopicFilter);
        if (_granted.TryGetValue(e.ClientId, out var granted))
        {
            granted.TryRemove(e.TopicFilter, out _);
        }

        if (_requests.TryGetValue(e.ClientId, out var request) && request.Persists)
        {
            await store.DeleteSubscriptionAsync(e.ClientId, e.TopicFilter, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The client left: its session's expiry starts now, with the interval its DISCONNECT may have changed
    /// (§3.14.2.2.2). A session taken over by a new connection has not ended.
    /// </summary>
    public async Task DisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        if (e.DisconnectType == MqttClientDisconnectType.Takeover || !_requests.TryGetValue(e.ClientId, out var request))
        {
            return;
        }

        identifiers.ConnectionEnded(e.ClientId);
        if (!request.Persists)
        {
            // The session ended with its connection; nothing of it is kept.
            _requests.TryRemove(new KeyValuePair<string, SessionRequest>(e.ClientId, request));
            return;
        }

        var expiry = e.SessionExpiryInterval > 0 ? e.SessionExpiryInterval : request.ExpirySeconds;
        await store.SaveSessionAsync(e.ClientId, expiry, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
    }

    public async Task DeletedAsync(SessionDeletedEventArgs e)
    {
        _requests.TryRemove(e.Id, out _);
        _granted.TryRemove(e.Id, out _);
        identifiers.Forget(e.Id);
        await store.ForgetSessionAsync(e.Id, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>What a CONNECT asked for: a clean start or not, and the session's expiry in seconds (0: ends with the connection).</summary>
    private sealed class SessionRequest(bool cleanStart, long expirySeconds)
    {
        public bool CleanStart { get; } = cleanStart;

        public long ExpirySeconds { get; } = expirySeconds;

        public bool Persists => ExpirySeconds > 0;

        /// <summary>What CONNACK said: the session existed in MQTTnet, or is restored from the store.</summary>
        public bool SessionPresent { get; set; }
    }
}
