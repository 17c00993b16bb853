using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Nuage.Iot.Rules;

/// <summary>
/// One message as a line of a batch object: {"topic","timestamp","clientId","qos","payload"} with the payload as
/// JSON when it is valid UTF-8 JSON, else {"payloadBase64": ...} (as AWS IoT's S3 action stores non-JSON payloads
/// as they are; a JSON-lines file needs text, hence base64). Written once, at spool time, so a batch rewritten after
/// a crash has the same bytes.
/// </summary>
public static class SpoolLine
{
    /// <param name="json">The payload already parsed (the router parses it once for the rules' conditions), or null when it is not JSON.</param>
    public static string Format(string topic, DateTimeOffset receivedAt, string clientId, int qos, ReadOnlySpan<byte> payload, JsonElement? json)
    {
        var buffer = new ArrayBufferWriter<byte>(payload.Length + 128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("topic", topic);
            writer.WriteString("timestamp", receivedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("clientId", clientId);
            writer.WriteNumber("qos", qos);
            if (json is { } element)
            {
                writer.WritePropertyName("payload");
                // Re-emitted compactly: a pretty-printed payload must not break the one-line-per-message format.
                element.WriteTo(writer);
            }
            else
            {
                writer.WriteBase64String("payloadBase64", payload);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
