namespace Nuage.Iot.Identity;

/// <summary>How a CONNECT's credentials turned out; the MQTT door maps each to a CONNACK reason code.</summary>
public enum AuthenticationOutcome
{
    Authenticated,

    /// <summary>No user name or no password: MQTT 5 Not authorized (0x87), MQTT 3.1.1 0x05.</summary>
    NoCredentials,

    /// <summary>Unknown, inactive or deleted key, or a wrong secret: Bad User Name or Password (0x86; 3.1.1 0x04).</summary>
    BadCredentials,

    /// <summary>
    /// A client certificate that is not registered, is disabled, expired or not yet valid, or whose thing is gone:
    /// Not authorized (MQTT 5 0x87; 3.1.1 0x05), not 0x86, since no user name or password was sent (see ConnectHandler).
    /// </summary>
    CertificateRefused,
}
