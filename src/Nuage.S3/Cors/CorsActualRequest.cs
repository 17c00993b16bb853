using Microsoft.AspNetCore.Http;
using Nuage.S3.Authorization;
using Nuage.S3.Routing;
using Nuage.S3.Routing.Operations;

namespace Nuage.S3.Cors;

/// <summary>
/// CORS headers on an actual (non-preflight) cross-origin request: when the request carries an Origin and a rule of
/// its bucket admits that origin and the request's method, the answer carries the rule's Access-Control-* headers
/// (PutBucketCors: S3 "uses the first CORSRule rule that matches the incoming browser request to enable a
/// cross-origin request"). They go on error answers too, so a page can read S3's error instead of seeing an opaque
/// network failure. They are set when the response starts, after the pipeline's error path has cleared the headers.
/// </summary>
public sealed class CorsActualRequest(BucketViews views)
{
    public async ValueTask PrepareAsync(HttpContext http, S3Operation operation)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(operation);
        if (operation is OptionsObjectOperation || operation.BucketName is not { } name
            || http.Request.Headers.Origin is not [{ Length: > 0 } origin])
        {
            return;
        }

        if (await views.GetAsync(name, http.RequestAborted) is not { Cors: { } cors }
            || cors.Match(origin, http.Request.Method, []) is not { } match)
        {
            return;
        }

        http.Response.OnStarting(() =>
        {
            CorsResponseHeaders.Apply(http.Response.Headers, match, origin, null);
            return Task.CompletedTask;
        });
    }
}
