using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using Nuage.Iot.Identity;
using Nuage.Iot.Topics;
using Nuage.Mqtt.Limits;

namespace Nuage.Mqtt.Channels;

/// <summary>
/// One client connection as the broker sees it. It changes a single packet, the CONNECT, before MQTTnet reads it:
/// the client id becomes ACCOUNT:CLIENTID (<see cref="ClientIdNamespace"/>), because MQTTnet keys sessions by the
/// CONNECT's client id and offers no hook that may change a non-empty one. Topics are rewritten by the handlers of
/// MQTTnet's events. For MQTT 5 it also keeps what MQTTnet 5 does not: topic aliases are resolved here, before any
/// handler reads the PUBLISH (<see cref="InboundTopicAliases"/>), and Receive Maximum is kept both ways
/// (<see cref="InboundQuota"/>, <see cref="OutboundQuota"/>).
/// </summary>
public sealed class AccountScopedChannelAdapter(
    IMqttChannelAdapter inner, IotAuthenticationService authentication, MqttLimits limits, Handlers.ReceivedQos2Handler receivedQos2,
    Outbound.OutboundExchanges exchanges) : IMqttChannelAdapter
{
    private bool _connectSeen;

    // A DISCONNECT the broker sends waits until the client has read it (MQTTnet.AspNetCore would drop it otherwise).
    private readonly ServerDisconnectDelivery _disconnect = new();

    // QoS 1/2 PUBLISHes handed to MQTTnet and not answered yet: a refusal waits for their acknowledgements.
    private readonly UnansweredPublishes _unanswered = new();

    // MQTT 5 flow control and topic aliases of this connection (docs/iot.md "Flow control and topic aliases"), set
    // once an MQTT 5 CONNECT is read; MQTT 3.1.1 has neither.
    private InboundTopicAliases? _aliases;
    private InboundQuota? _inbound;
    private OutboundQuota? _outbound;

    // The broker's id of this connection's client (ACCOUNT:CLIENTID) once its CONNECT is read: its QoS 2 exchanges
    // are kept by it (Handlers/ReceivedQos2Handler).
    private string? _clientId;

    // Topic aliases toward an MQTT 5 client that allows them (its CONNECT's Topic Alias Maximum above 0).
    private OutboundTopicAliases? _outboundAliases;

    // The keep alive the broker set in the client's place (MQTT 5 Server Keep Alive), when it did.
    private ushort? _serverKeepAlive;

    /// <summary>
    /// The CONNECT as MQTTnet read it (client id in the account), once read. MQTTnet decides at the end of the
    /// connection whether its session outlives it from this packet's Session Expiry Interval, unless the DISCONNECT
    /// gave one (§3.14.2.2.2), so a DISCONNECT's explicit 0 is written back into it (<see cref="FlowAsync"/>).
    /// </summary>
    public MqttConnectPacket? Connect { get; private set; }

    /// <summary>The id Nuage chose for a client that sent an empty one (returned in CONNACK under MQTT 5).</summary>
    public string? AssignedClientId { get; private set; }

    /// <summary>The will topic of the CONNECT as the client wrote it, when it carried a will; checked by the connect handler.</summary>
    public string? WillTopic { get; private set; }

    /// <summary>
    /// The CONNECT's will when it has a Will Delay Interval (MQTT 5): taken out of the CONNECT so that MQTTnet, which
    /// ignores the delay, does not send it; <see cref="Wills.DelayedWills"/> does.
    /// </summary>
    public Wills.DelayedWill? DelayedWill { get; private set; }

    /// <summary>
    /// An MQTT 5 CONNECT's will without a delay: it stays in the CONNECT, as MQTTnet sends it when the connection ends
    /// without DISCONNECT, and <see cref="Wills.DelayedWills"/> sends it after DISCONNECT 0x04, which MQTTnet does not.
    /// </summary>
    public MQTTnet.MqttApplicationMessage? WillOnRequest { get; private set; }

    /// <summary>
    /// The CONNECT's will, of either version, delayed or not (its topic as the client wrote it): what
    /// <see cref="Wills.TakeoverWills"/> sends when a new connection takes this one's session over.
    /// </summary>
    public MQTTnet.MqttApplicationMessage? Will { get; private set; }

    public long BytesReceived => inner.BytesReceived;

    public long BytesSent => inner.BytesSent;

    /// <summary>The certificate the client presented in the TLS handshake (--mqtt-tls-listen), or null.</summary>
    public X509Certificate2 ClientCertificate => inner.ClientCertificate;

    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public EndPoint LocalEndPoint => inner.LocalEndPoint;

    public bool IsSecureConnection => inner.IsSecureConnection;

    public MqttPacketFormatterAdapter PacketFormatterAdapter => inner.PacketFormatterAdapter;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    /// <remarks>
    /// MQTTnet's interface wants a Task; the steps behind it return pooled ValueTasks (.NET's
    /// PoolingAsyncValueTaskMethodBuilder), so a packet that waits for the network allocates one task here, not one per
    /// step: every PUBLISH and acknowledgement passes through them, and their allocations were a measurable share of the
    /// broker's (docs/performance.md "Allocations on the MQTT path").
    /// </remarks>
    public async Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
    {
        _disconnect.Reading(true);
        try
        {
            return await ReceiveNextAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _disconnect.ConnectionEnded();
            throw;
        }
        finally
        {
            _disconnect.Reading(false);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<MqttPacket> ReceiveNextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var packet = await ReceiveOneAsync(cancellationToken).ConfigureAwait(false);
            if (packet is MqttPublishPacket publish && _clientId is not null && !receivedQos2.Begin(_clientId, publish))
            {
                // MQTT 5 §4.3.3 (3.1.1 §4.3.3): a QoS 2 PUBLISH whose identifier's exchange is still open (PUBREC sent, no
                // PUBREL yet) is answered with PUBREC again and not delivered again; MQTTnet would deliver it, so it
                // never sees it.
                await inner.SendPacketAsync(new MqttPubRecPacket { PacketIdentifier = publish.PacketIdentifier }, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (_clientId is not null)
            {
                // An acknowledgement of a message the broker sent carries the identifier the client knows it by; MQTTnet
                // and its hooks know MQTTnet's (Outbound/OutboundExchanges: they differ after a resumed session).
                exchanges.Reading(_clientId, packet);
            }

            _unanswered.Received(packet);
            return packet;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<MqttPacket> ReceiveOneAsync(CancellationToken cancellationToken)
    {
        MqttPacket packet;
        long? wireLength;
        try
        {
            var before = ExplicitZeroProperties.BytesRead(inner);
            packet = await inner.ReceivePacketAsync(cancellationToken).ConfigureAwait(false);
            wireLength = ExplicitZeroProperties.BytesRead(inner) - before;
        }
        catch (MqttProtocolViolationException)
        {
            await RefuseAsync(MqttDisconnectReasonCode.MalformedPacket, cancellationToken).ConfigureAwait(false);
            return null!;
        }
        catch (MqttCommunicationException) when (!_connectSeen)
        {
            // The connection closed before its CONNECT: a TLS probe (openssl s_client), a port check or a client that
            // gave up after the handshake. That is the client's doing, but MQTTnet reads the first packet outside its
            // session loop and would log it as a server error; no packet ends the connection quietly instead.
            return null!;
        }

        if (packet is MqttPingRespPacket || (packet is MqttPublishPacket publish && PacketSize.Of(publish) > limits.MaxPacketSize))
        {
            // MQTT 5 §4.13.2 and §3.2.2.3.6: a packet over the Maximum Packet Size the server announced is a protocol
            // error; the server sends DISCONNECT 0x95 Packet too large and closes. MQTT 3.1.1 only closes. Over TCP
            // and TLS, Limits/PacketSizeGuard stops such a packet before it is read and hands MQTTnet a PINGRESP in its
            // place, which no client may send (§3.13); over WebSocket the PUBLISH is measured once decoded.
            await RefuseAsync(MqttDisconnectReasonCode.PacketTooLarge, cancellationToken).ConfigureAwait(false);
            return null!;
        }

        if (_connectSeen || packet is not MqttConnectPacket connect)
        {
            return await FlowAsync(packet, wireLength, cancellationToken).ConfigureAwait(false);
        }

        _connectSeen = true;
        var scoped = await ScopeAsync(connect, cancellationToken).ConfigureAwait(false);
        _clientId = scoped?.ClientId;
        Connect = scoped;
        if (scoped is not null)
        {
            // The broker's own in-flight limit toward every client; an MQTT 5 client's Receive Maximum may lower it.
            var inflight = inner.PacketFormatterAdapter.ProtocolVersion == MqttProtocolVersion.V500
                ? Math.Min(limits.MaxInflightMessages, OutboundQuota.Of(scoped))
                : limits.MaxInflightMessages;
            _outbound = new OutboundQuota(inflight, limits.QueueHighMark, SendWireAsync);
        }

        if (scoped is not null && inner.PacketFormatterAdapter.ProtocolVersion == MqttProtocolVersion.V500)
        {
            _aliases = new InboundTopicAliases(limits.TopicAliasMaximum);
            _inbound = new InboundQuota(limits.ReceiveMaximum);
            if (Math.Min(scoped.TopicAliasMaximum, limits.TopicAliasMaximum) is > 0 and var outboundAliases)
            {
                _outboundAliases = new OutboundTopicAliases(outboundAliases);
            }

            if (scoped.KeepAlivePeriod == 0 || scoped.KeepAlivePeriod > limits.MaxKeepAliveSeconds)
            {
                // §3.2.2.3.14: the broker's keep alive replaces the client's, announced in CONNACK. MQTTnet's keep-alive
                // monitor reads the CONNECT's, so that is where it is changed.
                _serverKeepAlive = (ushort)limits.MaxKeepAliveSeconds;
                scoped.KeepAlivePeriod = _serverKeepAlive.Value;
            }
        }

        return scoped!;
    }

    /// <summary>
    /// An MQTT 5 packet after CONNECT: a PUBLISH gets its aliased topic back and is counted against the broker's
    /// Receive Maximum; an acknowledgement gives the client's quota back. Null (the connection closes) after a
    /// DISCONNECT with the reason the protocol asks for: 0x94 or 0x82 for a bad alias (§3.3.4), 0x93 past the Receive
    /// Maximum (§3.3.4, §4.9). <paramref name="wireLength"/> is the packet's size on the wire where the transport tells
    /// it (<see cref="ExplicitZeroProperties"/>).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<MqttPacket> FlowAsync(MqttPacket packet, long? wireLength, CancellationToken cancellationToken)
    {
        if (_aliases is null || _inbound is null || _outbound is null)
        {
            // MQTT 3.1.1 (no aliases, no Receive Maximum): only the broker's in-flight limit toward the client.
            if (_outbound is not null)
            {
                await _outbound.ReceivedAsync(packet, cancellationToken).ConfigureAwait(false);
            }

            return packet;
        }

        if (packet is MqttDisconnectPacket disconnect && wireLength is { } disconnectLength && Connect is not null
            && ExplicitZeroProperties.HasSessionExpiryZero(disconnect, disconnectLength))
        {
            // §3.14.2.2.2: a DISCONNECT's Session Expiry Interval of 0 ends the session with the connection. MQTTnet reads
            // 0 as "none given" and would fall back on the CONNECT's interval, so the CONNECT's becomes 0 too.
            Connect.SessionExpiryInterval = 0;
        }

        if (packet is MqttPublishPacket publish)
        {
            var refusal = (wireLength is { } publishLength && ExplicitZeroProperties.HasTopicAliasZero(publish, publishLength)
                    ? (MqttDisconnectReasonCode?)MqttDisconnectReasonCode.TopicAliasInvalid // §3.3.2.3.4: Topic Alias 0 is not permitted
                    : null)
                ?? _aliases.Resolve(publish)
                ?? (_inbound.TryReceive(publish) ? null : MqttDisconnectReasonCode.ReceiveMaximumExceeded);
            if (refusal is { } reason)
            {
                await RefuseAsync(reason, cancellationToken).ConfigureAwait(false);
                return null!;
            }

            return publish;
        }

        await _outbound.ReceivedAsync(packet, cancellationToken).ConfigureAwait(false);
        return packet;
    }

    public void ResetStatistics() => inner.ResetStatistics();

    public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken) =>
        _unanswered.Sending(packet, SendAnyAsync(packet, cancellationToken));

    private Task SendAnyAsync(MqttPacket packet, CancellationToken cancellationToken)
    {
        if (packet is MqttConnAckPacket connAck && inner.PacketFormatterAdapter.ProtocolVersion == MqttProtocolVersion.V500)
        {
            // MQTT 5 §3.2.2.3.6: tell the client the largest packet the server accepts (MQTTnet announces none).
            connAck.MaximumPacketSize = (uint)limits.MaxPacketSize;

            // §3.2.2.3.3 and §3.2.2.3.8: how many unacknowledged QoS 1/2 PUBLISHes and which topic aliases the broker
            // takes (MQTTnet announces no Receive Maximum, so 65,535, and 65,535 aliases it does not check).
            connAck.ReceiveMaximum = (ushort)limits.ReceiveMaximum;
            connAck.TopicAliasMaximum = (ushort)limits.TopicAliasMaximum;
            if (_serverKeepAlive is { } keepAlive)
            {
                connAck.ServerKeepAlive = keepAlive;
            }
        }

        if (_clientId is not null && packet is MqttPubRecPacket or MqttPubCompPacket)
        {
            return SendQos2AnswerAsync(_clientId, packet, cancellationToken);
        }

        if (packet is MqttDisconnectPacket { ReasonCode: not MqttDisconnectReasonCode.SessionTakenOver })
        {
            return _disconnect.SendAsync(() => inner.SendPacketAsync(packet, cancellationToken), cancellationToken);
        }

        if (_clientId is not null && exchanges.Writing(_clientId, packet) is { IsCompletedSuccessfully: false } durable)
        {
            // A PUBLISH or PUBREL to the client goes with the identifier the client knows the message by (§4.4); a
            // PUBREL only once its release is durable in the session's stored queue, so a restart sends it again, and
            // a stored QoS 2 PUBLISH only once its identifier is, so a restart sends it again under that one.
            return packet is MqttPubRelPacket
                ? SendReleaseAsync(durable, packet, cancellationToken)
                : SendRecordedAsync(durable, packet, cancellationToken);
        }

        return SendOnAsync(packet, cancellationToken);
    }

    private Task SendOnAsync(MqttPacket packet, CancellationToken cancellationToken)
    {
        // An acknowledgement gives the client its quota back before it can arrive, so the client's next PUBLISH is
        // never counted against the one just acknowledged.
        _inbound?.Sending(packet);
        if (_outbound is not null && packet is MqttPublishPacket { QualityOfServiceLevel: > MqttQualityOfServiceLevel.AtMostOnce } publish)
        {
            return _outbound.SendAsync(publish, cancellationToken);
        }

        return SendWireAsync(packet, cancellationToken);
    }

    /// <summary>The last step of every packet to the client: a PUBLISH takes a topic alias here when the client allows them.</summary>
    private Task SendWireAsync(MqttPacket packet, CancellationToken cancellationToken) =>
        _outboundAliases is not null && packet is MqttPublishPacket publish
            ? _outboundAliases.SendAsync(publish, inner.SendPacketAsync, cancellationToken)
            : inner.SendPacketAsync(packet, cancellationToken);

    public void Dispose() => inner.Dispose();

    private async Task SendReleaseAsync(Task durable, MqttPacket release, CancellationToken cancellationToken)
    {
        try
        {
            await durable.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not stored (OfflineQueueHandler logged it): no PUBREL, so the exchange stays open; the session's next
            // resume sends it (the release is known in memory), and a restart sends the message again, with DUP.
            return;
        }

        await SendOnAsync(release, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendRecordedAsync(Task durable, MqttPacket publish, CancellationToken cancellationToken)
    {
        try
        {
            await durable.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not stored (OfflineQueueHandler logged it): the PUBLISH goes all the same. Holding it back would stall
            // the session; only a restart before its PUBREC would send it under another identifier.
        }

        await SendOnAsync(publish, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>PUBREC or PUBCOMP to a QoS 2 publisher: it leaves once the exchange's state is durable (Handlers/ReceivedQos2Handler).</summary>
    private async Task SendQos2AnswerAsync(string clientId, MqttPacket packet, CancellationToken cancellationToken)
    {
        await receivedQos2.SendingAsync(clientId, packet, cancellationToken).ConfigureAwait(false);
        _inbound?.Sending(packet);
        await inner.SendPacketAsync(packet, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A packet MQTTnet's decoder could not read (bad flags, lengths that do not add up): the client broke the
    /// protocol, not the server. MQTT 5 §4.13.1: the server sends DISCONNECT with Malformed Packet (0x81) when it can,
    /// then closes; MQTT 3.1.1 §4.8 only closes. Returning no packet ends this connection's loop, and only this one,
    /// without the error MQTTnet would log for an exception.
    /// </summary>
    private async Task RefuseAsync(MqttDisconnectReasonCode reason, CancellationToken cancellationToken)
    {
        if (_connectSeen)
        {
            // The PUBLISHes read before the bad packet were dispatched; their PUBACKs leave first.
            await _unanswered.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_connectSeen && inner.PacketFormatterAdapter.ProtocolVersion == MqttProtocolVersion.V500)
        {
            try
            {
                await inner.SendPacketAsync(new MqttDisconnectPacket { ReasonCode = reason }, cancellationToken).ConfigureAwait(false);
                await DrainAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is MqttCommunicationException or InvalidOperationException or IOException)
            {
                // The client may be gone already, and over Kestrel's TCP transport MQTTnet has completed the output
                // pipe on the decoding error (MqttConnectionContext), so nothing more can be written: the connection
                // closes without the DISCONNECT, which MQTT 5 §4.13.1 asks for with a SHOULD (docs/iot.md "Limits").
            }
        }
    }

    /// <summary>
    /// After a DISCONNECT the server sent, reads and drops what the client still sends, until it closes or
    /// <see cref="DrainTime"/> passes, and only then lets the connection close. MQTT 5 §4.13 has the server close the
    /// connection after its DISCONNECT, but a socket closed while the client's packets still arrive is reset, and a
    /// client that writes (a PUBREL for a PUBREC it has just read, say) before it reads that far gets the reset instead of
    /// the DISCONNECT and its reason code. Reading on keeps the connection open long enough for the DISCONNECT to be read.
    /// </summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        drain.CancelAfter(DrainTime);
        try
        {
            while (await inner.ReceivePacketAsync(drain.Token).ConfigureAwait(false) is not null)
            {
            }
        }
        catch (Exception e) when (e is OperationCanceledException or MqttCommunicationException or MqttProtocolViolationException
                                      or InvalidOperationException or IOException or ObjectDisposedException)
        {
            // Closed, timed out, or more bytes that are no packet: the connection closes now either way.
        }
    }

    /// <summary>How long a refused client's packets are read and dropped after the DISCONNECT before the connection closes.</summary>
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(1);

    /// <summary>The CONNECT with its client id in the key's account, or null to close the connection (a malformed CONNECT).</summary>
    private async Task<MqttConnectPacket?> ScopeAsync(MqttConnectPacket connect, CancellationToken cancellationToken)
    {
        var isV5 = inner.PacketFormatterAdapter.ProtocolVersion == MqttProtocolVersion.V500;
        if (TopicRules.IsMalformed(connect.ClientId) || (connect.WillFlag && TopicRules.IsMalformed(connect.WillTopic)))
        {
            // MQTT 5 §3.1.4: a malformed CONNECT may get a CONNACK with 0x81 before the close; MQTT 3.1.1 §3.1.4 has
            // no code for it, only the close. Returning no packet makes MQTTnet close the connection.
            if (isV5)
            {
                await inner.SendPacketAsync(
                    new MqttConnAckPacket { ReasonCode = MqttConnectReasonCode.MalformedPacket, ReturnCode = MqttConnectReturnCode.ConnectionRefusedUnacceptableProtocolVersion },
                    cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        WillTopic = connect.WillFlag ? connect.WillTopic : null;
        string? accountId;
        try
        {
            accountId = await authentication.AccountOfConnectAsync(
                connect.Username, connect.Password is not null, (X509Certificate2?)inner.ClientCertificate, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Handlers.TransientFailure.Is(e))
        {
            // The key cannot be looked up while the metadata database is away: CONNACK Server unavailable, MQTT 5
            // §3.2.2.2 0x88 and 3.1.1 §3.2.2.3 0x03, both "try again later", then the close (no packet).
            await inner.SendPacketAsync(
                new MqttConnAckPacket { ReasonCode = MqttConnectReasonCode.ServerUnavailable, ReturnCode = MqttConnectReturnCode.ConnectionRefusedServerUnavailable },
                cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (accountId is null)
        {
            // No or an unknown key: the connect handler refuses the CONNECT before any session exists. An empty client
            // id is filled in anyway, else MQTTnet would answer Identifier rejected instead of the credentials' code.
            if (string.IsNullOrEmpty(connect.ClientId))
            {
                connect.ClientId = ClientIdNamespace.NewAssigned();
            }

            return connect;
        }

        var clientId = connect.ClientId;
        if (string.IsNullOrEmpty(clientId))
        {
            // MQTT 5 §3.1.3.1 and 3.1.1 §3.1.3.1: the server may assign an id; 3.1.1 only for a clean session
            // [MQTT-3.1.3-8], otherwise the connect handler answers Identifier rejected.
            if (!isV5 && !connect.CleanSession)
            {
                return connect;
            }

            clientId = AssignedClientId = ClientIdNamespace.NewAssigned();
        }

        connect.ClientId = ClientIdNamespace.ToBroker(accountId, clientId);
        Will = connect.WillFlag ? WillOf(connect) : null;
        if (isV5 && connect.WillFlag && connect.WillDelayInterval > 0)
        {
            DelayedWill = new Wills.DelayedWill(Will!, connect.WillDelayInterval, connect.SessionExpiryInterval);
            connect.WillFlag = false;
        }
        else if (isV5 && connect.WillFlag)
        {
            WillOnRequest = Will;
        }

        return connect;
    }

    /// <summary>The will of a CONNECT as an application message, its topic as the client wrote it (§3.1.3.2).</summary>
    private static MQTTnet.MqttApplicationMessage WillOf(MqttConnectPacket connect) => new()
    {
        Topic = connect.WillTopic,
        Payload = new System.Buffers.ReadOnlySequence<byte>(connect.WillMessage ?? []),
        QualityOfServiceLevel = connect.WillQoS,
        Retain = connect.WillRetain,
        ContentType = connect.WillContentType,
        ResponseTopic = connect.WillResponseTopic,
        CorrelationData = connect.WillCorrelationData,
        PayloadFormatIndicator = connect.WillPayloadFormatIndicator,
        MessageExpiryInterval = connect.WillMessageExpiryInterval,
        UserProperties = connect.WillUserProperties,
    };
}
