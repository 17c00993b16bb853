namespace Nuage.Iot.Identity;

/// <summary>
/// Who an MQTT connection acts as, once authenticated. Every identity belongs to exactly one account, whose topic
/// namespace it lives in (docs/iot.md "Isolation"). Applications are the first kind; devices (a thing name and its
/// token or certificate) join as another subtype, so the authorization code asks the identity, not the protocol.
/// </summary>
public abstract record IotIdentity(string AccountId)
{
    /// <summary>A short text for log lines: never a secret.</summary>
    public abstract string Describe();
}
