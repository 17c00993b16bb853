namespace Nuage.Iot.Shadows;

/// <summary>
/// A refused shadow request: the HTTP status and message of AWS's "Device Shadow error messages", which the MQTT door
/// publishes on the /rejected topic (<c>{"code":409,"message":"Version conflict",...}</c>) and the HTTP door answers.
/// </summary>
public sealed record ShadowError(int Code, string Message)
{
    public static readonly ShadowError InvalidJson = new(400, "Invalid JSON");
    public static readonly ShadowError MissingState = new(400, "Missing required node: state");
    public static readonly ShadowError StateNotObject = new(400, "State node must be an object");
    public static readonly ShadowError DesiredNotObject = new(400, "Desired node must be an object");
    public static readonly ShadowError ReportedNotObject = new(400, "Reported node must be an object");
    public static readonly ShadowError InvalidVersion = new(400, "Invalid version");
    public static readonly ShadowError InvalidClientToken = new(400, "Invalid clientToken");
    public static readonly ShadowError TooDeep = new(400, "JSON contains too many levels of nesting; maximum is " + ShadowLimits.MaxDepth);
    public static readonly ShadowError InvalidNode = new(400, "State contains an invalid node");
    public static readonly ShadowError VersionConflict = new(409, "Version conflict");
    public static readonly ShadowError PayloadTooLarge = new(413, "The payload exceeds the maximum size allowed");

    /// <summary>404 as AWS words it: the classic shadow is named by its thing, a named shadow by its own name.</summary>
    public static ShadowError NotFound(ShadowAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new(404, $"No shadow exists with name: '{(address.IsClassic ? address.ThingName : address.ShadowName)}'");
    }

    /// <summary>A thing or shadow name outside AWS's pattern (HTTP door: names come from the path).</summary>
    public static ShadowError InvalidName(string what) => new(400, "Invalid " + what);
}
