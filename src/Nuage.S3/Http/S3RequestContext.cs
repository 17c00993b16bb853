using Microsoft.AspNetCore.Http;
using Nuage.Iam;
using Nuage.S3.Routing;
using Nuage.Signing;

namespace Nuage.S3.Http;

/// <summary>One verified, routed request as the handlers see it.</summary>
public sealed class S3RequestContext(HttpContext http, S3Route route, AuthenticatedRequest auth, string requestId)
{
    public HttpContext Http { get; } = http;

    public HttpRequest Request => Http.Request;

    public HttpResponse Response => Http.Response;

    public S3Route Route { get; } = route;

    public AuthenticatedRequest Auth { get; } = auth;

    /// <summary>Who sent the request; the pipeline lets no anonymous request reach a handler (yet).</summary>
    public Principal Principal => Auth.Principal ?? throw new InvalidOperationException("Anonymous request past the pipeline.");

    public string RequestId { get; } = requestId;

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>The bucket of a bucket- or object-level route.</summary>
    public string Bucket => Route.Bucket ?? throw new InvalidOperationException("Route has no bucket.");

    /// <summary>The key of an object-level route.</summary>
    public string Key => Route.Key ?? throw new InvalidOperationException("Route has no key.");

    public string? Query(string name)
    {
        var values = Request.Query[name];
        return values.Count == 0 ? null : values[0];
    }

    public string? Header(string name)
    {
        var values = Request.Headers[name];
        return values.Count == 0 ? null : values[0];
    }
}
