namespace Nuage.Admin.Json;

/// <summary>One check of /health/ready: "pass" or "fail", what it found, and how long it took.</summary>
internal sealed record ReadinessCheckDocument(string Status, string? Detail, double DurationMs);
