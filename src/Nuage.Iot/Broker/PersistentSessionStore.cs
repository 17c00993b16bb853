using System.Collections.Concurrent;
using Nuage.Metadata;

namespace Nuage.Iot.Broker;

/// <summary>
/// Persistent MQTT sessions kept durably in the metadata store (schema 018): which sessions asked to outlive their
/// connection, their Session Expiry Interval, when their client left, and their subscriptions. At start it reads them
/// once; a session whose expiry has passed is deleted (MQTT 5 §3.1.2.11.2), the others wait in memory until their
/// client reconnects with clean start 0 and the broker takes them (<see cref="TryTake"/>).
/// </summary>
public sealed class PersistentSessionStore(IMetadataStore store, TimeProvider time, QueuedMessageStore queued)
{
    /// <summary>MQTT 5 §3.1.2.11.2: 0xFFFFFFFF means the session does not expire; MQTT 3.1.1 sessions never do.</summary>
    public const long NeverExpires = uint.MaxValue;

    private readonly ConcurrentDictionary<string, Restorable> _restorable = new(StringComparer.Ordinal);

    /// <summary>Client ids with a stored session, so ending a session nobody stored costs no write.</summary>
    private readonly ConcurrentDictionary<string, bool> _stored = new(StringComparer.Ordinal);

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        // A session still marked connected was cut by a crash or a stop: its expiry counts from now.
        var now = time.GetUtcNow();
        var rows = await store.LoadMqttSessionsAsync(cancellationToken).ConfigureAwait(false);
        var expired = new List<string>();
        _restorable.Clear();
        foreach (var session in rows.Sessions)
        {
            var leftAt = session.DisconnectedAt ?? now;
            if (session.ExpirySeconds != NeverExpires && leftAt.AddSeconds(session.ExpirySeconds) <= now)
            {
                expired.Add(session.ClientId);
                continue;
            }

            DateTimeOffset? expiresAt = session.ExpirySeconds == NeverExpires ? null : leftAt.AddSeconds(session.ExpirySeconds);
            _restorable[session.ClientId] = new Restorable(expiresAt, []);
            _stored[session.ClientId] = true;
        }

        foreach (var row in rows.Subscriptions)
        {
            if (_restorable.TryGetValue(row.ClientId, out var restorable))
            {
                restorable.Subscriptions.Add(new PersistentSubscription(row.TopicFilter, row.Qos, row.NoLocal, row.RetainAsPublished, row.RetainHandling, row.Identifier));
            }
        }

        if (expired.Count > 0)
        {
            await store.WriteAsync(
                transaction =>
                {
                    foreach (var clientId in expired)
                    {
                        transaction.DeleteMqttSession(clientId);
                    }

                    return expired.Count;
                },
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether a session of <paramref name="clientId"/> from before the restart waits to be resumed; one that expired
    /// since, its client not having come back in time, does not (§3.1.2.11.2).
    /// </summary>
    public bool IsRestorable(string clientId) =>
        _restorable.TryGetValue(clientId, out var restorable) && (restorable.ExpiresAt is not { } expiresAt || expiresAt > time.GetUtcNow());

    /// <summary>
    /// The sessions from before the restart whose client has not come back yet and that have not expired, with their
    /// subscriptions: messages published for them meanwhile are queued for them (docs/iot.md "Persistence").
    /// </summary>
    /// <remarks>Asked for every QoS 1/2 PUBLISH: with no session waiting (the usual case) nothing is allocated.</remarks>
    public IEnumerable<(string ClientId, IReadOnlyList<PersistentSubscription> Subscriptions)> Waiting() =>
        _restorable.IsEmpty ? [] : StillWaiting();

    private IEnumerable<(string ClientId, IReadOnlyList<PersistentSubscription> Subscriptions)> StillWaiting()
    {
        var now = time.GetUtcNow();
        foreach (var (clientId, restorable) in _restorable)
        {
            if (restorable.ExpiresAt is not { } expiresAt || expiresAt > now)
            {
                yield return (clientId, restorable.Subscriptions);
            }
        }
    }

    /// <summary>
    /// Takes the subscriptions of a session from before the restart, once, to rebuild them in its client's new
    /// connection. The session goes on waiting (<see cref="Waiting"/>) until <see cref="EndWaiting"/>: a message
    /// published while its subscriptions are rebuilt is still queued for it, so none falls between the stored
    /// subscriptions and MQTTnet's.
    /// </summary>
    public bool TryTake(string clientId, out IReadOnlyList<PersistentSubscription> subscriptions)
    {
        if (IsRestorable(clientId) && _restorable.TryGetValue(clientId, out var restorable) && restorable.TryTake())
        {
            subscriptions = restorable.Subscriptions;
            return true;
        }

        subscriptions = [];
        return false;
    }

    /// <summary>The session's client is back and has what waited for it: messages published from now on are MQTTnet's to deliver.</summary>
    public void EndWaiting(string clientId) => _restorable.TryRemove(clientId, out _);

    /// <summary>Records a session that outlives its connection; <paramref name="disconnectedAt"/> null while connected.</summary>
    public Task SaveSessionAsync(string clientId, long expirySeconds, DateTimeOffset? disconnectedAt, CancellationToken cancellationToken)
    {
        var row = new MqttSessionRow(clientId, expirySeconds, disconnectedAt);
        _stored[clientId] = true;
        return store.WriteAsync(transaction => { transaction.PutMqttSession(row); return true; }, cancellationToken);
    }

    /// <summary>Ends a session: a clean start, its expiry, or MQTTnet deleting it.</summary>
    public Task ForgetSessionAsync(string clientId, CancellationToken cancellationToken)
    {
        _restorable.TryRemove(clientId, out _);
        // Before the delete is queued: a row whose write waits (DeferredRowWrites) would come after it and outlive the
        // session; one already being written commits before the delete, which removes it.
        queued.WithdrawWaiting(clientId);
        return _stored.TryRemove(clientId, out _)
            ? store.WriteAsync(transaction => transaction.DeleteMqttSession(clientId), cancellationToken)
            : Task.CompletedTask;
    }

    public Task SaveSubscriptionAsync(string clientId, PersistentSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var row = new MqttSubscriptionRow(
            clientId, subscription.TopicFilter, subscription.Qos, subscription.NoLocal, subscription.RetainAsPublished,
            subscription.RetainHandling, subscription.Identifier);
        return store.WriteAsync(transaction => { transaction.PutMqttSubscription(row); return true; }, cancellationToken);
    }

    public Task DeleteSubscriptionAsync(string clientId, string topicFilter, CancellationToken cancellationToken) =>
        store.WriteAsync(transaction => transaction.DeleteMqttSubscription(clientId, topicFilter), cancellationToken);

    /// <summary>A stored session waiting for its client: when it expires (null: never) and its subscriptions.</summary>
    private sealed record Restorable(DateTimeOffset? ExpiresAt, List<PersistentSubscription> Subscriptions)
    {
        private int _taken;

        /// <summary>True the first time only: the subscriptions are rebuilt once.</summary>
        public bool TryTake() => Interlocked.Exchange(ref _taken, 1) == 0;
    }
}
