using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nuage.Iot.Shadows;

/// <summary>
/// A request document ("Device Shadow service documents", Request state document): <c>state</c> with
/// <c>desired</c> and/or <c>reported</c> (an object to merge, or null to clear), an optional <c>version</c> for
/// optimistic concurrency and an optional <c>clientToken</c> echoed in the answers. GET and DELETE requests may be
/// empty or carry only clientToken (and, for DELETE, version).
/// </summary>
public sealed class ShadowRequest
{
    private ShadowRequest()
    {
    }

    public string? ClientToken { get; private init; }

    public long? Version { get; private init; }

    /// <summary>The request's state object (update only), as sent: the echo of /update/accepted.</summary>
    public JsonObject? State { get; private init; }

    /// <summary>Parses an update (<paramref name="needsState"/>) or a get/delete request; null and an error when refused.</summary>
    public static ShadowRequest? Parse(ReadOnlySpan<byte> payload, bool needsState, out ShadowError? error)
    {
        error = null;
        if (payload.Length > ShadowLimits.MaxRequestBytes)
        {
            error = ShadowError.PayloadTooLarge;
            return null;
        }

        if (!needsState && payload.Trim(" \t\r\n"u8).IsEmpty)
        {
            // AWS's /get and /delete take an empty message ("Device Shadow MQTT topics").
            return new ShadowRequest();
        }

        JsonObject root;
        try
        {
            if (JsonNode.Parse(payload, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) is not JsonObject parsed)
            {
                error = ShadowError.InvalidJson;
                return null;
            }

            root = parsed;
            // Materialises every object now, inside the try: a duplicate property name surfaces here, not later.
            _ = Depth(root);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            error = ShadowError.InvalidJson;
            return null;
        }

        string? clientToken = null;
        if (root.TryGetPropertyValue("clientToken", out var token))
        {
            if (token is not JsonValue tokenValue || !tokenValue.TryGetValue(out clientToken)
                || Encoding.UTF8.GetByteCount(clientToken) > ShadowLimits.MaxClientTokenBytes)
            {
                error = ShadowError.InvalidClientToken;
                return null;
            }
        }

        long? version = null;
        if (root.TryGetPropertyValue("version", out var versionNode))
        {
            if (versionNode is not JsonValue versionValue || versionValue.GetValueKind() != JsonValueKind.Number
                || !versionValue.TryGetValue(out long parsedVersion) || parsedVersion < 0)
            {
                error = ShadowError.InvalidVersion;
                return null;
            }

            version = parsedVersion;
        }

        if (!needsState)
        {
            return new ShadowRequest { ClientToken = clientToken, Version = version };
        }

        error = CheckState(root, out var state);
        return error is null ? new ShadowRequest { ClientToken = clientToken, Version = version, State = state } : null;
    }

    /// <summary>True when the request names the section (with an object or with null).</summary>
    public bool Touches(string section) => State?.ContainsKey(section) == true;

    private static ShadowError? CheckState(JsonObject root, out JsonObject? state)
    {
        state = null;
        if (!root.TryGetPropertyValue("state", out var stateNode))
        {
            return ShadowError.MissingState;
        }

        if (stateNode is not JsonObject stateObject)
        {
            return ShadowError.StateNotObject;
        }

        foreach (var (name, value) in stateObject)
        {
            var notObject = name switch
            {
                "desired" => ShadowError.DesiredNotObject,
                "reported" => ShadowError.ReportedNotObject,
                _ => ShadowError.InvalidNode,
            };
            if (notObject == ShadowError.InvalidNode)
            {
                return notObject;
            }

            if (value is not null and not JsonObject)
            {
                return notObject;
            }

            if (value is JsonObject section && Depth(section) > ShadowLimits.MaxDepth)
            {
                return ShadowError.TooDeep;
            }
        }

        if (Encoding.UTF8.GetByteCount(stateObject.ToJsonString()) > ShadowLimits.MaxStateBytes)
        {
            return ShadowError.PayloadTooLarge;
        }

        state = stateObject;
        return null;
    }

    /// <summary>Nesting levels: a scalar 0, an object or array one more than its deepest member.</summary>
    internal static int Depth(JsonNode? node) => node switch
    {
        JsonObject o => 1 + o.Select(p => Depth(p.Value)).DefaultIfEmpty(0).Max(),
        JsonArray a => 1 + a.Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };
}
