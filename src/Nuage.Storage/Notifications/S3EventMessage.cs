using System.Globalization;
using System.Text;
using System.Text.Json;
using Nuage.Metadata;

namespace Nuage.Storage.Notifications;

/// <summary>
/// The JSON S3 sends for an event ("Event message structure"): one record with the event's name and time, the bucket,
/// and the object's key, size, ETag, version id and sequencer. Version 2.1 for object created and removed events,
/// 2.3 for lifecycle expirations, as that page lists them.
/// </summary>
public static class S3EventMessage
{
    public static string Build(string region, string eventName, string configurationId, string bucket, string bucketOwner, string principalId, ObjectRow version)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("Records");
            json.WriteStartObject();
            json.WriteString("eventVersion", eventName.StartsWith("LifecycleExpiration:", StringComparison.Ordinal) ? "2.3" : "2.1");
            json.WriteString("eventSource", "aws:s3");
            json.WriteString("awsRegion", region);
            json.WriteString("eventTime", version.LastModified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("eventName", eventName);
            json.WriteStartObject("userIdentity");
            json.WriteString("principalId", principalId);
            json.WriteEndObject();
            json.WriteStartObject("s3");
            json.WriteString("s3SchemaVersion", "1.0");
            json.WriteString("configurationId", configurationId);
            json.WriteStartObject("bucket");
            json.WriteString("name", bucket);
            json.WriteStartObject("ownerIdentity");
            json.WriteString("principalId", bucketOwner);
            json.WriteEndObject();
            json.WriteString("arn", "arn:aws:s3:::" + bucket);
            json.WriteEndObject();
            json.WriteStartObject("object");
            json.WriteString("key", EncodeKey(version.Key));
            if (!eventName.StartsWith("ObjectRemoved:", StringComparison.Ordinal) && !eventName.StartsWith("LifecycleExpiration:", StringComparison.Ordinal))
            {
                // S3 gives size and eTag for created objects only; a removal names the version that went.
                json.WriteNumber("size", version.Size);
                json.WriteString("eTag", version.ETag.Trim('"'));
            }

            if (version.VersionId != "null")
            {
                json.WriteString("versionId", version.VersionId);
            }

            // "a string representation of a hexadecimal value used to determine event sequence": the commit time's
            // ticks, so later changes of a key compare greater (same length, so as strings too).
            json.WriteString("sequencer", version.LastModified.UtcTicks.ToString("X16", CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// "The object key name value is URL encoded. For example, 'red flower.jpg' becomes 'red+flower.jpg'": form
    /// encoding, with '/' kept so that a key's path reads as it is.
    /// </summary>
    private static string EncodeKey(string key) => System.Net.WebUtility.UrlEncode(key).Replace("%2F", "/", StringComparison.Ordinal);
}
