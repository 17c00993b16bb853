namespace Nuage.Regions.Reachability;

/// <summary>
/// One region as <c>nuage admin regions</c> shows it: its place in the federation and whether this region reached
/// its console port just now (<see cref="Error"/> says why not).
/// </summary>
public sealed record RegionStatus(
    string Name,
    Uri? S3Endpoint,
    Uri? ConsoleEndpoint,
    bool IsControl,
    bool IsLocal,
    bool Reachable,
    double? LatencyMilliseconds,
    string? Error);
