using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Iot.Authorization;
using Nuage.Iot.Identity;
using Nuage.Iot.Topics;
using Nuage.Mqtt.Channels;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// CONNECT (ValidatingConnectionAsync): credentials, client id, iot:Connect and the will's iot:Publish. The outcome
/// is a reason code on the event, as MQTTnet expects; MQTTnet maps it to MQTT 3.1.1's return codes
/// (BadUserNameOrPassword 0x86 → 0x04, NotAuthorized 0x87 → 0x05, ClientIdentifierNotValid 0x85 → 0x02).
/// </summary>
public sealed class ConnectHandler(
    IotAuthenticationService authentication, IotAuthorizationService authorization, ConnectedClients clients, Limits.ConnectionRateLimiter rates,
    Wills.DelayedWills wills)
{
    public async Task HandleAsync(ValidatingConnectionEventArgs e)
    {
        try
        {
            await ValidateAsync(e).ConfigureAwait(false);
        }
        catch (Exception ex) when (TransientFailure.Is(ex))
        {
            // The metadata database cannot be asked who this is: MQTT 5 §3.2.2.2 0x88 Server unavailable, which
            // MQTTnet sends to an MQTT 3.1.1 client as 0x03 Server unavailable (3.1.1 §3.2.2.3). Both say "retry later".
            e.ReasonCode = MqttConnectReasonCode.ServerUnavailable;
        }
    }

    private async Task ValidateAsync(ValidatingConnectionEventArgs e)
    {
        if (!rates.TryAdmit((e.RemoteEndPoint as IPEndPoint)?.Address, e.ClientId))
        {
            // MQTT 5 §3.2.2.2: 0x9F Connection rate exceeded (docs/iot.md "Limits"). MQTTnet would map 0x9F to MQTT
            // 3.1.1's 0x01 (unacceptable protocol version), which tells a client never to retry; 3.1.1's "not now" is
            // 0x03 Server unavailable (3.1.1 §3.2.2.3), which MQTTnet sends for ServerUnavailable.
            e.ReasonCode = e.ProtocolVersion == MqttProtocolVersion.V500
                ? MqttConnectReasonCode.ConnectionRateExceeded
                : MqttConnectReasonCode.ServerUnavailable;
            return;
        }

        var cancellationToken = e.CancellationToken;
        var password = e.RawPassword;
        var certificate = (X509Certificate2?)e.ChannelAdapter.ClientCertificate;
        var result = await authentication.AuthenticateAsync(e.UserName, password, password is not null, certificate, cancellationToken).ConfigureAwait(false);
        if (result is not { Outcome: AuthenticationOutcome.Authenticated, Identity: { } identity })
        {
            // MQTT 5 §3.2.2.2: 0x87 when the client may not connect at all (no credentials), 0x86 for bad ones. A
            // refused client certificate is 0x87 too: 0x86 says "the data in the user name or password is malformed",
            // and such a client sent neither; its TLS identity is simply not one allowed to connect (3.1.1: 0x05).
            e.ReasonCode = result.Outcome == AuthenticationOutcome.BadCredentials
                ? MqttConnectReasonCode.BadUserNameOrPassword
                : MqttConnectReasonCode.NotAuthorized;
            return;
        }

        // The channel placed the client id in the key's account; anything else (an id it could not scope) is refused.
        if (!ClientIdNamespace.TryFromBroker(e.ClientId, out var accountId, out var clientId)
            || accountId != identity.AccountId || !ClientIdNamespace.IsAcceptable(clientId))
        {
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            return;
        }

        var facts = new ConnectionFacts((e.RemoteEndPoint as IPEndPoint)?.Address, e.IsSecureConnection, clientId);
        if (!await authorization.MayConnectAsync(identity, clientId, facts, cancellationToken).ConfigureAwait(false))
        {
            e.ReasonCode = MqttConnectReasonCode.NotAuthorized;
            return;
        }

        var channel = e.ChannelAdapter as AccountScopedChannelAdapter;
        if (channel?.WillTopic is { } willTopic && !await MayLeaveWillAsync(e, identity, willTopic, facts).ConfigureAwait(false))
        {
            return;
        }

        if (channel?.AssignedClientId is { } assigned && e.ProtocolVersion == MqttProtocolVersion.V500)
        {
            // MQTT 5 §3.2.2.3.7: a client that sent no id learns the one the server assigned.
            e.AssignedClientIdentifier = assigned;
        }

        var connection = new MqttConnection(identity, clientId, facts, e.ProtocolVersion == MqttProtocolVersion.V500 ? e.MaximumPacketSize : 0);
        clients.Accept(e.ClientId, connection);
        await wills.ConnectingAsync(e.ClientId, connection, e.CleanSession ?? true, channel?.DelayedWill, channel?.WillOnRequest).ConfigureAwait(false);
    }

    /// <summary>
    /// A will is a PUBLISH the client leaves behind, so it is checked now, when the client can still be told: an
    /// invalid will topic is Topic Name invalid (0x90) and a will the client may not publish is Not authorized. It is
    /// checked again when it is sent (<see cref="PublishHandler"/>), with the rights of that moment.
    /// </summary>
    private async Task<bool> MayLeaveWillAsync(ValidatingConnectionEventArgs e, IotIdentity identity, string willTopic, ConnectionFacts facts)
    {
        if (TopicRules.CheckName(willTopic) != TopicVerdict.Valid)
        {
            // MQTT 3.1.1 has no code for a bad will topic; 0x05 (not authorized) is the nearest refusal it knows.
            e.ReasonCode = e.ProtocolVersion == MqttProtocolVersion.V500 ? MqttConnectReasonCode.TopicNameInvalid : MqttConnectReasonCode.NotAuthorized;
            return false;
        }

        if (!await authorization.MayPublishAsync(identity, willTopic, retain: false, facts, e.CancellationToken).ConfigureAwait(false))
        {
            e.ReasonCode = MqttConnectReasonCode.NotAuthorized;
            return false;
        }

        return true;
    }
}
