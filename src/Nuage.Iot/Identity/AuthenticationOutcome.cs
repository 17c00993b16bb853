namespace Nuage.Iot.Identity;

/// <summary>How a CONNECT's credentials turned out; the MQTT door maps each to a CONNACK reason code.</summary>
public enum AuthenticationOutcome
{
    Authenticated,

    /// <summary>No user name or no password: MQTT 5 Not authorized (0x87), MQTT 3.1.1 0x05.</summary>
    NoCredentials,

    /// <summary>Unknown, inactive or deleted key, or a wrong secret: Bad User Name or Password (0x86; 3.1.1 0x04).</summary>
    BadCredentials,
}
