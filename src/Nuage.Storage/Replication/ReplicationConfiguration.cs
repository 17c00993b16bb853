using System.Text.Json;

namespace Nuage.Storage.Replication;

/// <summary>
/// A bucket's replication configuration (PutBucketReplication), stored as the bucket setting "replication" in this
/// JSON form. <see cref="Role"/> is kept as given: Nuage pushes as the federation's service principal, not by
/// assuming a role (docs/replication.md).
/// </summary>
public sealed record ReplicationConfiguration(string Role, IReadOnlyList<ReplicationRule> Rules)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The rules that take a new version of <paramref name="key"/>: one per destination bucket, the matching rule of
    /// highest priority (AWS: "when multiple rules apply to an object ... the rule with the highest priority is used").
    /// </summary>
    public IEnumerable<ReplicationRule> Matching(string key, IReadOnlyList<KeyValuePair<string, string>> tags) =>
        Rules.Where(r => r.Matches(key, tags))
            .GroupBy(r => r.DestinationBucket, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(r => r.Priority).First());

    public string ToStored() => JsonSerializer.Serialize(this, Json);

    public static ReplicationConfiguration FromStored(string json) =>
        JsonSerializer.Deserialize<ReplicationConfiguration>(json, Json) ?? throw new JsonException("An empty replication configuration.");
}
