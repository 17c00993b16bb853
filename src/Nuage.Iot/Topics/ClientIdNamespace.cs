using System.Text;

namespace Nuage.Iot.Topics;

/// <summary>
/// Client ids are unique per account, not per broker: the broker keys sessions by <c>ACCOUNT:CLIENTID</c>, so two
/// accounts may both run a client "sensor-1" without one taking over the other's session (MQTT 5 §3.1.4-3 session
/// takeover then happens only inside an account). Account ids hold no ':', so the first ':' splits the two.
/// </summary>
public static class ClientIdNamespace
{
    /// <summary>AWS IoT Core's limit on a client id ("message broker limits and quotas"): 128 bytes of UTF-8.</summary>
    public const int MaxBytes = 128;

    public static string ToBroker(string accountId, string clientId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        return string.Concat(accountId, ":", clientId);
    }

    public static bool TryFromBroker(string? brokerClientId, out string accountId, out string clientId)
    {
        accountId = clientId = string.Empty;
        var colon = brokerClientId?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0 || colon == brokerClientId!.Length - 1)
        {
            return false;
        }

        accountId = brokerClientId[..colon];
        clientId = brokerClientId[(colon + 1)..];
        return true;
    }

    /// <summary>
    /// The account part of a broker client id, as a span of it (empty when it has none), for comparisons that need no
    /// string of their own.
    /// </summary>
    public static ReadOnlySpan<char> AccountOf(string? brokerClientId)
    {
        var colon = brokerClientId?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon <= 0 || colon == brokerClientId!.Length - 1 ? [] : brokerClientId.AsSpan(0, colon);
    }

    /// <summary>A client id the hub accepts: 1 to 128 bytes of well-formed UTF-8.</summary>
    public static bool IsAcceptable(string? clientId) =>
        !string.IsNullOrEmpty(clientId) && !TopicRules.IsMalformed(clientId) && Encoding.UTF8.GetByteCount(clientId) <= MaxBytes;

    /// <summary>An id for a client that sent none (MQTT 5 §3.1.3.1: the server assigns one and returns it in CONNACK).</summary>
    public static string NewAssigned() => "nuage-" + Guid.NewGuid().ToString("N");
}
