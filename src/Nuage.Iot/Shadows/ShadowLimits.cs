namespace Nuage.Iot.Shadows;

/// <summary>
/// The Device Shadow service's limits ("AWS IoT Device Shadow service limits and quotas"; messages from "Device
/// Shadow error messages").
/// </summary>
public static class ShadowLimits
{
    /// <summary>State (desired and reported, without metadata) of at most 8 KB, in a request as in the stored shadow: 413 beyond.</summary>
    public const int MaxStateBytes = 8 * 1024;

    /// <summary>
    /// A request document larger than this is refused before it is parsed (413): its state could not fit in
    /// <see cref="MaxStateBytes"/> anyway once metadata-sized overhead is allowed for, and parsing is bounded.
    /// </summary>
    public const int MaxRequestBytes = 128 * 1024;

    /// <summary>Levels of nesting inside desired or reported (desired itself is level 1): 400 beyond.</summary>
    public const int MaxDepth = 6;

    /// <summary>A clientToken of more than 64 bytes is "Invalid clientToken" (400).</summary>
    public const int MaxClientTokenBytes = 64;

    /// <summary>ListNamedShadowsForThing's page size when the caller gives none, and the largest it may ask for.</summary>
    public const int DefaultPageSize = 25;

    public const int MaxPageSize = 100;
}
