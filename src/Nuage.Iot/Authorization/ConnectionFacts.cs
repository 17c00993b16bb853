using System.Net;

namespace Nuage.Iot.Authorization;

/// <summary>
/// What policies may read of the connection a decision is made for: aws:SourceIp and aws:SecureTransport, and the
/// MQTT client id as AWS IoT's policy variable iot:ClientId (without the account the broker keys clients by), so an
/// application's IAM policy can say <c>topic/clients/${iot:ClientId}/*</c> as an AWS IoT Core policy does.
/// </summary>
public sealed record ConnectionFacts(IPAddress? SourceIp, bool SecureTransport, string? ClientId = null)
{
    public static readonly ConnectionFacts Unknown = new(null, false);

    /// <summary>The context key of the client id ("Basic policy variables", AWS IoT Core developer guide).</summary>
    public const string ClientIdKey = "iot:ClientId";

    /// <summary>
    /// The IoT keys the IAM policy engine adds to an application's request context; made once per connection, as
    /// every delivery asks for a decision.
    /// </summary>
    public IReadOnlyDictionary<string, string>? PolicyKeys { get; } =
        ClientId is null ? null : new Dictionary<string, string>(StringComparer.Ordinal) { [ClientIdKey] = ClientId };
}
