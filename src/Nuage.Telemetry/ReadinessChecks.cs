namespace Nuage.Telemetry;

/// <summary>
/// The tag of the health checks /health/ready runs, and their names as its answer reports them. A later layer
/// (the IoT hub, replication) adds its check under the same tag.
/// </summary>
public static class ReadinessChecks
{
    public const string Tag = "ready";
    public const string Metadata = "metadata";
    public const string Blobs = "blobs";

    /// <summary>A check that has not answered by then fails: a hung disk must not hang the probe.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
}
