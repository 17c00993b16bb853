namespace Nuage.Iot.Shadows;

/// <summary>
/// The answer to one shadow request: the accepted document (<see cref="Error"/> null), or the error document AWS
/// publishes on /rejected and answers over HTTP (<c>{"code":..,"message":..,"timestamp":..,"clientToken":..}</c>).
/// </summary>
public sealed record ShadowResult(ShadowError? Error, byte[] Body)
{
    public bool Accepted => Error is null;

    /// <summary>The HTTP status: 200, or the error's code.</summary>
    public int Status => Error?.Code ?? 200;
}
