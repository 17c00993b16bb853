namespace Nuage.Admin.Json;

/// <summary>
/// The body of /health/ready: <c>{"status":"ready"|"not ready","reason":...,"checks":{"metadata":{...},"blobs":{...}}}</c>.
/// </summary>
internal sealed record ReadinessDocument(string Status, string? Reason, IReadOnlyDictionary<string, ReadinessCheckDocument>? Checks);
