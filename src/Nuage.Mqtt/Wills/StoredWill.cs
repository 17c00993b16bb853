using System.Net;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using Nuage.Iot.Authorization;
using Nuage.Iot.Identity;

namespace Nuage.Mqtt.Wills;

/// <summary>
/// A delayed will as the store keeps it (schema 023, the row's <c>will</c> bytes, JSON): the message as its client
/// wrote it, the delay and session expiry it was left with, and who left it, by reference only (the access key id or
/// the device's thing and credential id, never a secret), so that after a restart its iot:Publish is decided again
/// with the rights of that moment, as a will is when it is sent (<see cref="DelayedWills"/>).
/// </summary>
internal sealed record StoredWill(
    string AccountId,
    string? AccessKeyId,
    string? ThingName,
    string? CredentialId,
    string ClientId,
    string? SourceIp,
    bool SecureTransport,
    string Topic,
    byte[] Payload,
    int Qos,
    bool Retain,
    int PayloadFormat,
    string? ContentType,
    string? ResponseTopic,
    byte[]? CorrelationData,
    List<KeyValuePair<string, string>> UserProperties,
    uint MessageExpirySeconds,
    uint DelaySeconds,
    uint SessionExpirySeconds)
{
    public static byte[] Encode(MqttConnection connection, DelayedWill will)
    {
        var message = will.Message;
        var (accessKeyId, thingName, credentialId) = connection.Identity switch
        {
            ApplicationIdentity application => (application.AccessKeyId, null, null),
            DeviceIdentity device => ((string?)null, device.ThingName, device.CredentialId),
            _ => throw new InvalidOperationException("An identity the broker cannot store: " + connection.Identity.GetType().Name),
        };
        var stored = new StoredWill(
            connection.Identity.AccountId, accessKeyId, thingName, credentialId, connection.ClientId,
            connection.Facts.SourceIp?.ToString(), connection.Facts.SecureTransport,
            message.Topic, System.Buffers.BuffersExtensions.ToArray(message.Payload), (int)message.QualityOfServiceLevel, message.Retain, (int)message.PayloadFormatIndicator,
            message.ContentType, message.ResponseTopic, message.CorrelationData,
            message.UserProperties is { Count: > 0 } properties ? [.. properties.Select(p => new KeyValuePair<string, string>(p.Name, p.ReadValueAsString()))] : [],
            message.MessageExpiryInterval, will.DelaySeconds, will.SessionExpirySeconds);
        return JsonSerializer.SerializeToUtf8Bytes(stored);
    }

    public static StoredWill Decode(byte[] bytes) =>
        JsonSerializer.Deserialize<StoredWill>(bytes) ?? throw new JsonException("A stored will that is JSON null.");

    /// <summary>The will as <see cref="DelayedWills"/> holds one, its topic in the client's form.</summary>
    public DelayedWill ToDelayedWill() => new(
        new MqttApplicationMessage
        {
            Topic = Topic,
            Payload = new System.Buffers.ReadOnlySequence<byte>(Payload),
            QualityOfServiceLevel = (MqttQualityOfServiceLevel)Qos,
            Retain = Retain,
            PayloadFormatIndicator = (MqttPayloadFormatIndicator)PayloadFormat,
            ContentType = ContentType,
            ResponseTopic = ResponseTopic,
            CorrelationData = CorrelationData,
            MessageExpiryInterval = MessageExpirySeconds,
            UserProperties = UserProperties.Count == 0
                ? null
                : [.. UserProperties.Select(p => new MqttUserProperty(p.Key, new ReadOnlyMemory<byte>(System.Text.Encoding.UTF8.GetBytes(p.Value))))],
        },
        DelaySeconds,
        SessionExpirySeconds);

    /// <summary>The connection that left the will, its identity as it stands now; null when that identity no longer works.</summary>
    public async ValueTask<MqttConnection?> ConnectionAsync(IotAuthenticationService authentication, CancellationToken cancellationToken)
    {
        IotIdentity? identity = AccessKeyId is { } key
            ? await authentication.ApplicationOfKeyAsync(key, AccountId, cancellationToken).ConfigureAwait(false)
            : ThingName is { } thing && CredentialId is { } credential ? new DeviceIdentity(AccountId, thing, credential) : null;
        if (identity is null || !await authentication.IsStillValidAsync(identity, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var facts = new ConnectionFacts(SourceIp is { } ip && IPAddress.TryParse(ip, out var address) ? address : null, SecureTransport, ClientId);
        return new MqttConnection(identity, ClientId, facts);
    }
}
