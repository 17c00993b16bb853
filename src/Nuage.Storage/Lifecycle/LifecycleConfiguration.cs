namespace Nuage.Storage.Lifecycle;

using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>
/// A bucket's lifecycle configuration: its rules, in the order given. Stored as the bucket setting "lifecycle" in the
/// JSON form of <see cref="ToJson"/>, which the S3 door writes and the lifecycle worker reads.
/// </summary>
public sealed record LifecycleConfiguration(IReadOnlyList<LifecycleRule> Rules)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static LifecycleConfiguration FromJson(string json) =>
        JsonSerializer.Deserialize<LifecycleConfiguration>(json, Json) ?? throw new InvalidDataException("An empty lifecycle configuration.");

    /// <summary>The first enabled rule that expires a current version with these properties, with its expiry.</summary>
    public (LifecycleRule Rule, DateTimeOffset Expiry)? CurrentExpiry(
        string key, long size, IReadOnlyDictionary<string, string>? tags, DateTimeOffset lastModified, TimeSpan day)
    {
        (LifecycleRule, DateTimeOffset)? earliest = null;
        foreach (var rule in Rules)
        {
            if (rule.Enabled && rule.Filter.Matches(key, size, tags) && rule.ExpiryOf(lastModified, day) is { } expiry
                && (earliest is null || expiry < earliest.Value.Item2))
            {
                earliest = (rule, expiry);
            }
        }

        return earliest;
    }
}
