namespace Nuage.Admin.Errors;

/// <summary>An admin API error as it goes on the wire: the HTTP status and the code of <c>{"error":{"code":...}}</c>.</summary>
public sealed record AdminError(int Status, string Code)
{
    public static readonly AdminError MalformedJson = new(400, "MalformedJson");
    public static readonly AdminError InvalidInput = new(400, "InvalidInput");
    public static readonly AdminError AccessDenied = new(403, "AccessDenied");
    public static readonly AdminError NoSuchRoute = new(404, "NoSuchRoute");
    public static readonly AdminError MethodNotAllowed = new(405, "MethodNotAllowed");
    public static readonly AdminError RequestTooLarge = new(413, "RequestTooLarge");
    public static readonly AdminError InternalError = new(500, "InternalError");

    /// <summary>The metadata database is out of reach or a write kept conflicting: nothing was done, retry (issue 18).</summary>
    public static readonly AdminError ServiceUnavailable = new(503, "ServiceUnavailable");
}
