using Microsoft.AspNetCore.Http;
using Nuage.Iam;
using Nuage.S3.Routing;
using Nuage.Signing;

namespace Nuage.S3.Http;

/// <summary>One verified, routed request as the handlers see it.</summary>
public sealed class S3RequestContext(HttpContext http, S3Operation operation, AuthenticatedRequest auth, string requestId)
{
    public HttpContext Http { get; } = http;

    public HttpRequest Request => Http.Request;

    public HttpResponse Response => Http.Response;

    /// <summary>The operation with all its parameters, as the router parsed them.</summary>
    public S3Operation Operation { get; } = operation;

    public AuthenticatedRequest Auth { get; } = auth;

    /// <summary>Who sent the request; null for an anonymous request that a bucket policy let through.</summary>
    public Principal? Principal => Auth.Principal;

    /// <summary>
    /// The signed-in principal, for operations that act on the caller's own account (ListBuckets, CreateBucket):
    /// no policy can make an anonymous request the owner of anything.
    /// </summary>
    public Principal SignedPrincipal => Auth.Principal ?? throw new Errors.S3Exception(Errors.S3Error.AccessDenied);

    public string RequestId { get; } = requestId;

    /// <summary>
    /// Set by the authorizer when an ACL grant let the request through where the policies alone would not have: the
    /// "ACL required" field of the server access log ("Amazon S3 server access log format": Yes when the request
    /// required an ACL for authorization).
    /// </summary>
    public bool AuthorizedByAcl { get; internal set; }

    /// <summary>
    /// DeleteObjects' outcome per key, for the server access log, which records each key of a multi-object delete as
    /// a BATCH.DELETE.OBJECT beside the request's REST.POST.MULTI_OBJECT_DELETE; null for every other operation.
    /// </summary>
    public IReadOnlyList<Xml.DeleteResultEntry>? BatchDeletes { get; internal set; }

    public CancellationToken Aborted => Http.RequestAborted;

    public string? Header(string name)
    {
        var values = Request.Headers[name];
        return values.Count == 0 ? null : values[0];
    }
}
