using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Iot.Authorization;
using Nuage.Iot.Topics;

namespace Nuage.Mqtt.Wills;

/// <summary>
/// Wills with a delay (MQTT 5 §3.1.3.2.2 and §3.1.2.5), which MQTTnet 5 ignores: it publishes every will as soon as
/// the connection drops. <see cref="Channels.AccountScopedChannelAdapter"/> takes such a will out of the CONNECT, the
/// connect handler arms it here once the CONNECT is accepted, and this publishes it when the delay (or the session,
/// if shorter) runs out after the connection ends without a DISCONNECT, or after DISCONNECT with reason 0x04
/// (Disconnect with Will Message, §3.14.2.1). A new connection that resumes the session before then cancels it; one
/// that starts a clean session ends the old session, so the will goes at once. A normal DISCONNECT (0x00) deletes it
/// (§3.1.2.5). It also sends a will without a delay after DISCONNECT 0x04, which MQTTnet 5 takes for a normal
/// DISCONNECT (it sends such wills only when a connection ends without one).
/// </summary>
/// <remarks>
/// The will's iot:Publish was decided at CONNECT and is decided again when it is sent, with the rights of that moment
/// (a key deleted meanwhile sends nothing), like an immediate will in <see cref="Handlers.PublishHandler"/>.
/// Every armed will is also in the metadata store (schema 023, <see cref="StoredWill"/>), written before CONNACK, with
/// its due time once its connection ended, and removed when it is sent, cancelled or deleted: a will still waiting
/// when the process stops or is killed is published after the restart when due (a will whose client was still
/// connected counts its delay from the restart, as a session's expiry does), unless its client resumes the session
/// first (<see cref="LoadAsync"/>). Sent, then removed: a crash between the two sends it again after the restart.
/// </remarks>
public sealed class DelayedWills(
    IotAuthorizationService authorization, Nuage.Iot.Rules.RuleRouter rules, MessageExpiryClock expiry, TimeProvider time, ILogger<DelayedWills> logger,
    Nuage.Iot.Broker.DelayedWillStore store, Nuage.Iot.Identity.IotAuthenticationService authentication)
{
    /// <summary>The sender id of wills published here: already in their account's namespace and decided.</summary>
    public const string SenderId = "\u0000nuage-wills";

    private readonly ConcurrentDictionary<string, Armed> _armed = new(StringComparer.Ordinal);

    // MQTT 5 wills without a delay stay MQTTnet's, which sends them when a connection ends without DISCONNECT; only a
    // DISCONNECT with 0x04 (Disconnect with Will Message, §3.14.2.1), which MQTTnet 5 takes for a normal one, sends
    // them here. Not stored: the will goes at the DISCONNECT itself.
    private readonly ConcurrentDictionary<string, Armed> _onRequest = new(StringComparer.Ordinal);
    private MqttServer? _server;

    public void Bind(MqttServer server) => _server = server;

    /// <summary>
    /// At start, before the first CONNECT: the wills stored by the previous run wait again, each for what is left of
    /// its delay (one whose client was connected when the process stopped, for its whole delay from now).
    /// </summary>
    public async Task LoadAsync()
    {
        var now = time.GetUtcNow();
        foreach (var row in await store.ListAsync(CancellationToken.None).ConfigureAwait(false))
        {
            StoredWill stored;
            try
            {
                stored = StoredWill.Decode(row.Will);
            }
            catch (System.Text.Json.JsonException exception)
            {
                logger.LogError(exception, "The stored delayed will of {ClientId} cannot be read and is dropped", row.ClientId);
                await store.ForgetAsync(row.ClientId, () => false, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            var will = stored.ToDelayedWill();
            var dueAt = row.DueAt ?? now + will.Wait;
            if (row.DueAt is null)
            {
                // Fixed now, so that another restart before it is sent does not start its delay over.
                await store.PutAsync(row.ClientId, row.Will, dueAt, null, CancellationToken.None).ConfigureAwait(false);
            }

            var armed = new Armed(null, stored, will);
            _armed[row.ClientId] = armed;
            var clientId = row.ClientId;
            var wait = dueAt > now ? dueAt - now : TimeSpan.Zero;
            armed.Start(cancelled => _ = WaitThenPublishAsync(clientId, armed, wait, cancelled));
        }
    }

    /// <summary>
    /// An accepted CONNECT of <paramref name="brokerClientId"/>: a will still waiting from its previous connection is
    /// cancelled when the session is resumed and sent now when it is not; then this connection's will, if delayed,
    /// is armed, durably before the CONNACK; a will without a delay (<paramref name="willOnRequest"/>) is kept for a
    /// DISCONNECT 0x04.
    /// </summary>
    public async Task ConnectingAsync(string brokerClientId, MqttConnection connection, bool cleanStart, DelayedWill? will, MqttApplicationMessage? willOnRequest = null)
    {
        if (willOnRequest is not null)
        {
            _onRequest[brokerClientId] = new Armed(connection, null, new DelayedWill(willOnRequest, 0, 0), brokerClientId);
        }
        else
        {
            _onRequest.TryRemove(brokerClientId, out _);
        }

        if (_armed.TryRemove(brokerClientId, out var previous))
        {
            previous.Cancel();
            if (previous.Pending && cleanStart)
            {
                await PublishAsync(brokerClientId, previous).ConfigureAwait(false);
            }
        }

        if (will is not null)
        {
            // Armed first: a removal of the previous will still on its way then leaves this one's row alone.
            var armed = new Armed(connection, null, will, brokerClientId);
            _armed[brokerClientId] = armed;
            try
            {
                await store.PutAsync(brokerClientId, StoredWill.Encode(connection, will), null, null, CancellationToken.None).ConfigureAwait(false);
            }
            catch
            {
                // Not durable, so not armed: the connect handler refuses the CONNECT (0x88 when the store is away).
                _armed.TryRemove(new KeyValuePair<string, Armed>(brokerClientId, armed));
                throw;
            }
        }
        else if (previous is not null)
        {
            await ForgetAsync(brokerClientId).ConfigureAwait(false);
        }
    }

    public Task DisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        // A takeover: the new connection already decided the old will in Connecting.
        if (e.DisconnectType == MqttClientDisconnectType.Takeover)
        {
            return Task.CompletedTask;
        }

        // Only the will of the connection that ended: a client that disconnects and connects again at once may have
        // its new CONNECT accepted (and its new will armed) before the old connection's end is seen here.
        if (_onRequest.TryGetValue(e.ClientId, out var onRequest) && onRequest.IsOf(e.ClientId)
            && _onRequest.TryRemove(new KeyValuePair<string, Armed>(e.ClientId, onRequest)))
        {
            return e.DisconnectType == MqttClientDisconnectType.Clean && e.ReasonCode == MqttDisconnectReasonCode.DisconnectWithWillMessage
                ? SendAsync(e.ClientId, onRequest)
                : Task.CompletedTask;
        }

        if (!_armed.TryGetValue(e.ClientId, out var armed) || !armed.IsOf(e.ClientId))
        {
            return Task.CompletedTask;
        }

        if (e.DisconnectType == MqttClientDisconnectType.Clean && e.ReasonCode != MqttDisconnectReasonCode.DisconnectWithWillMessage)
        {
            // §3.1.2.5: a normal DISCONNECT deletes the will.
            return _armed.TryRemove(new KeyValuePair<string, Armed>(e.ClientId, armed)) ? ForgetAsync(e.ClientId) : Task.CompletedTask;
        }

        var wait = armed.Will.Wait;
        var dueAt = time.GetUtcNow() + wait;
        armed.Start(cancelled => _ = WaitThenPublishAsync(e.ClientId, armed, wait, cancelled));
        return RecordDueAsync(e.ClientId, armed, dueAt);
    }

    /// <summary>The will's delay started: its due time goes to the store, so a restart keeps it.</summary>
    private async Task RecordDueAsync(string brokerClientId, Armed armed, DateTimeOffset dueAt)
    {
        if (armed.Connection is null)
        {
            return;
        }

        // Unless it was sent or cancelled meanwhile (the write runs on the store's writer, later).
        await store.PutAsync(
            brokerClientId, StoredWill.Encode(armed.Connection, armed.Will), dueAt,
            () => _armed.TryGetValue(brokerClientId, out var current) && ReferenceEquals(current, armed),
            CancellationToken.None).ConfigureAwait(false);
    }

    private async Task WaitThenPublishAsync(string brokerClientId, Armed armed, TimeSpan wait, CancellationToken cancelled)
    {
        try
        {
            await Task.Delay(wait, time, cancelled).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (_armed.TryRemove(new KeyValuePair<string, Armed>(brokerClientId, armed)))
        {
            await PublishAsync(brokerClientId, armed).ConfigureAwait(false);
        }
    }

    /// <summary>Removes the client's stored will, unless a newer connection of it has armed another meanwhile.</summary>
    private async Task ForgetAsync(string brokerClientId)
    {
        try
        {
            await store.ForgetAsync(brokerClientId, () => _armed.ContainsKey(brokerClientId), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "The delayed will of {ClientId} could not be removed from the store", brokerClientId);
        }
    }

    /// <summary>
    /// Publishes <paramref name="will"/> (its topic as the client wrote it) now, left by <paramref name="connection"/>,
    /// deciding its iot:Publish with the rights of this moment; nothing of it is stored (<see cref="TakeoverWills"/>).
    /// </summary>
    public Task SendNowAsync(string brokerClientId, MqttConnection connection, MqttApplicationMessage will) =>
        SendAsync(brokerClientId, new Armed(connection, null, new DelayedWill(will, 0, 0)));

    /// <summary>Publishes the will, then removes it from the store.</summary>
    private async Task PublishAsync(string brokerClientId, Armed armed)
    {
        await SendAsync(brokerClientId, armed).ConfigureAwait(false);
        await ForgetAsync(brokerClientId).ConfigureAwait(false);
    }

    private async Task SendAsync(string brokerClientId, Armed armed)
    {
        if (_server is null)
        {
            return;
        }

        try
        {
            var connection = armed.Connection
                ?? (armed.Stored is { } stored ? await stored.ConnectionAsync(authentication, CancellationToken.None).ConfigureAwait(false) : null);
            if (connection is null)
            {
                logger.LogInformation("The will of {ClientId} was left by a key that no longer works and was not sent", brokerClientId);
                return;
            }

            var identity = connection.Identity;
            var will = armed.Will.Message;
            var clientTopic = will.Topic;
            if (!await authorization.MayPublishAsync(identity, clientTopic, will.Retain, connection.Facts, CancellationToken.None).ConfigureAwait(false))
            {
                logger.LogInformation("The will of {ClientId} is no longer allowed and was not sent", brokerClientId);
                return;
            }

            await rules.RouteAsync(identity.AccountId, clientTopic, connection.ClientId, (int)will.QualityOfServiceLevel, will.Payload, CancellationToken.None)
                .ConfigureAwait(false);
            var message = new MqttApplicationMessage
            {
                Topic = TopicNamespace.ToBroker(identity.AccountId, clientTopic),
                Payload = will.Payload,
                QualityOfServiceLevel = will.QualityOfServiceLevel,
                Retain = will.Retain,
                ContentType = will.ContentType,
                ResponseTopic = will.ResponseTopic,
                CorrelationData = will.CorrelationData,
                PayloadFormatIndicator = will.PayloadFormatIndicator,
                MessageExpiryInterval = will.MessageExpiryInterval,
                UserProperties = will.UserProperties,
            };
            expiry.Start(message);
            await _server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = SenderId }).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "The will of {ClientId} could not be published", brokerClientId);
        }
    }

    /// <summary>
    /// An armed will: the connection that left it (or, for a will restored after a restart, its stored form, whose
    /// identity is looked up when it is sent), and its timer once that connection ended.
    /// </summary>
    /// <remarks>
    /// MQTTnet's events name a connection by its client id only. The client id string of a CONNECT packet is one object
    /// per connection (the channel builds it for each CONNECT, <c>ClientIdNamespace.ToBroker</c>), and every event of
    /// that connection reads the same packet's, so <see cref="IsOf"/> tells this connection's end from an older one's
    /// by reference. A will restored after a restart has no connection: no event is its connection's.
    /// </remarks>
    private sealed class Armed(MqttConnection? connection, StoredWill? stored, DelayedWill will, string? connectClientId = null)
    {
        private readonly CancellationTokenSource _cancel = new();

        /// <summary>Whether <paramref name="eventClientId"/>, an event's client id, is that of the connection that left this will.</summary>
        public bool IsOf(string eventClientId) => ReferenceEquals(connectClientId, eventClientId);

        public MqttConnection? Connection { get; } = connection;

        public StoredWill? Stored { get; } = stored;

        public DelayedWill Will { get; } = will;

        /// <summary>The connection ended and the will waits for its delay.</summary>
        public bool Pending { get; private set; }

        public void Start(Action<CancellationToken> run)
        {
            Pending = true;
            run(_cancel.Token);
        }

        public void Cancel() => _cancel.Cancel();
    }
}
