using System.Net;

namespace Nuage.Host;

/// <summary>Everything `nuage server` is told, after flags, NUAGE_* variables and defaults are merged. Immutable.</summary>
public sealed record NuageServerOptions
{
    /// <summary>Data directory: metadata, blobs, root credentials. Default ./data (NUAGE_DATA).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>S3 listener. Default 127.0.0.1:9000 (NUAGE_LISTEN). Port 0 picks a free port.</summary>
    public required IPEndPoint Listen { get; init; }

    /// <summary>Region name. Default "local" (NUAGE_REGION).</summary>
    public required string Region { get; init; }

    /// <summary>Domain for virtual-host style addressing (bucket.domain). Default none (NUAGE_DOMAIN).</summary>
    public string? Domain { get; init; }
}
