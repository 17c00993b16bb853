using System.Net;

namespace Nuage.Iot.Authorization;

/// <summary>What policy conditions may read of the connection a decision is made for (aws:SourceIp, aws:SecureTransport).</summary>
public sealed record ConnectionFacts(IPAddress? SourceIp, bool SecureTransport)
{
    public static readonly ConnectionFacts Unknown = new(null, false);
}
