namespace Nuage.Iot.Shadows;

/// <summary>
/// Publishes the service's notifications (/update/accepted, /update/delta, /update/documents, /delete/accepted) to an
/// account's MQTT subscribers, whichever door the change came through ("Device Shadow REST API": an update over
/// HTTP is published on those topics too). The MQTT door implements it; the service never sees MQTT.
/// </summary>
public interface IShadowNotifier
{
    /// <summary><paramref name="topic"/> is the client's form ($aws/things/...); failures are the notifier's to log, never the caller's.</summary>
    ValueTask PublishAsync(string accountId, string topic, byte[] payload);
}
