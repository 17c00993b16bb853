using System.Net;

namespace Nuage.Admin.Http;

/// <summary>What a handler answers: a status and a JSON document (null for 204 No Content).</summary>
public sealed record AdminResult(int Status, object? Body)
{
    public static AdminResult Ok(object body) => new((int)HttpStatusCode.OK, body);

    public static AdminResult Created(object body) => new((int)HttpStatusCode.Created, body);

    public static readonly AdminResult NoContent = new((int)HttpStatusCode.NoContent, null);
}
