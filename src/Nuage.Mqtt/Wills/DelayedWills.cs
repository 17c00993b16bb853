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
/// (§3.1.2.5).
/// </summary>
/// <remarks>
/// The will's iot:Publish was decided at CONNECT and is decided again when it is sent, with the rights of that moment
/// (a key deleted meanwhile sends nothing), like an immediate will in <see cref="Handlers.PublishHandler"/>. A will
/// still waiting when the process stops is not sent.
/// </remarks>
public sealed class DelayedWills(
    IotAuthorizationService authorization, Nuage.Iot.Rules.RuleRouter rules, MessageExpiryClock expiry, TimeProvider time, ILogger<DelayedWills> logger)
{
    /// <summary>The sender id of wills published here: already in their account's namespace and decided.</summary>
    public const string SenderId = "\u0000nuage-wills";

    private readonly ConcurrentDictionary<string, Armed> _armed = new(StringComparer.Ordinal);
    private MqttServer? _server;

    public void Bind(MqttServer server) => _server = server;

    /// <summary>
    /// An accepted CONNECT of <paramref name="brokerClientId"/>: a will still waiting from its previous connection is
    /// cancelled when the session is resumed and sent now when it is not; then this connection's will, if delayed,
    /// is armed.
    /// </summary>
    public void Connecting(string brokerClientId, MqttConnection connection, bool cleanStart, DelayedWill? will)
    {
        if (_armed.TryRemove(brokerClientId, out var previous))
        {
            previous.Cancel();
            if (previous.Pending && cleanStart)
            {
                _ = PublishAsync(brokerClientId, previous);
            }
        }

        if (will is not null)
        {
            _armed[brokerClientId] = new Armed(connection, will);
        }
    }

    public Task DisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        // A takeover: the new connection already decided the old will in Connecting.
        if (e.DisconnectType == MqttClientDisconnectType.Takeover || !_armed.TryGetValue(e.ClientId, out var armed))
        {
            return Task.CompletedTask;
        }

        if (e.DisconnectType == MqttClientDisconnectType.Clean && e.ReasonCode != MqttDisconnectReasonCode.DisconnectWithWillMessage)
        {
            _armed.TryRemove(new KeyValuePair<string, Armed>(e.ClientId, armed));
            return Task.CompletedTask;
        }

        armed.Start(cancelled => _ = WaitThenPublishAsync(e.ClientId, armed, cancelled));
        return Task.CompletedTask;
    }

    private async Task WaitThenPublishAsync(string brokerClientId, Armed armed, CancellationToken cancelled)
    {
        try
        {
            await Task.Delay(armed.Will.Wait, time, cancelled).ConfigureAwait(false);
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

    private async Task PublishAsync(string brokerClientId, Armed armed)
    {
        if (_server is null)
        {
            return;
        }

        try
        {
            var identity = armed.Connection.Identity;
            var will = armed.Will.Message;
            var clientTopic = will.Topic;
            if (!await authorization.MayPublishAsync(identity, clientTopic, will.Retain, armed.Connection.Facts, CancellationToken.None).ConfigureAwait(false))
            {
                logger.LogInformation("The delayed will of {ClientId} is no longer allowed and was not sent", brokerClientId);
                return;
            }

            await rules.RouteAsync(identity.AccountId, clientTopic, armed.Connection.ClientId, (int)will.QualityOfServiceLevel, will.Payload, CancellationToken.None)
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
            logger.LogError(exception, "The delayed will of {ClientId} could not be published", brokerClientId);
        }
    }

    /// <summary>An armed will: the connection that left it, and its timer once that connection ended.</summary>
    private sealed class Armed(MqttConnection connection, DelayedWill will)
    {
        private readonly CancellationTokenSource _cancel = new();

        public MqttConnection Connection { get; } = connection;

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
