using Microsoft.AspNetCore.Http;
using Nuage.S3.Authorization;
using Nuage.S3.Cors;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Xml;
using Nuage.Storage.Buckets;

namespace Nuage.S3.Handlers;

/// <summary>
/// Get/Put/DeleteBucketCors and the preflight (OPTIONS) they configure. The configuration is a bucket setting like
/// the policy and the public access block: parsed once per stored version into <see cref="BucketView.Cors"/>.
/// </summary>
public sealed class CorsHandler(BucketViews views, BucketSettingWriter settings)
{
    /// <summary>"The document is limited to 64 KB in size" (PutBucketCors).</summary>
    private const long MaxDocumentBytes = 64 * 1024;

    public async Task GetAsync(S3RequestContext context, GetBucketCorsOperation operation)
    {
        var bucket = await views.RequireAsync(operation.Bucket, context.Aborted);
        var cors = bucket.Cors ?? throw new S3Exception(S3Error.NoSuchCORSConfiguration);
        await S3XmlResponse.WriteAsync(context.Response, xml => CorsConfigurationDocument.Write(xml, cors));
    }

    /// <summary>"If the configuration exists, Amazon S3 replaces it" (PutBucketCors); 200 with no body.</summary>
    public async Task PutAsync(S3RequestContext context, PutBucketCorsOperation operation)
    {
        await views.RequireAsync(operation.Bucket, context.Aborted);
        var cors = CorsConfigurationDocument.Parse(await S3XmlRequest.ReadAsync(context.Auth.Body, MaxDocumentBytes, context.Aborted));
        await settings.PutAsync(context, operation.Bucket, BucketSettingNames.Cors, CorsConfigurationDocument.ToStored(cors));
    }

    /// <summary>"If the action is successful, the service sends back an HTTP 204 response" (DeleteBucketCors), also when none was set.</summary>
    public Task DeleteAsync(S3RequestContext context, DeleteBucketCorsOperation operation) =>
        settings.ClearAsync(context, operation.Bucket, BucketSettingNames.Cors);

    /// <summary>
    /// "Appendix: OPTIONS object": Origin and Access-Control-Request-Method are required (400 without them); "If cors
    /// is not enabled on the bucket, then Amazon S3 returns a 403 Forbidden response", as it does when no rule
    /// admits the origin, the method and every requested header. A match answers 200 with the rule's headers.
    /// </summary>
    public async Task PreflightAsync(S3RequestContext context, OptionsObjectOperation operation)
    {
        var headers = context.Request.Headers;
        var origin = context.Header("Origin");
        if (string.IsNullOrEmpty(origin))
        {
            throw new S3Exception(S3Error.BadRequest);
        }

        var method = context.Header("Access-Control-Request-Method");
        if (string.IsNullOrEmpty(method))
        {
            throw new S3Exception(S3Error.BadRequest, "Invalid Access-Control-Request-Method: null");
        }

        var bucket = await views.RequireAsync(operation.Bucket, context.Aborted);
        if (bucket.Cors is not { } cors)
        {
            throw new S3Exception(S3Error.CorsForbidden, "CORSResponse: CORS is not enabled for this bucket.");
        }

        var requested = CorsResponseHeaders.RequestedHeaders(headers);
        var match = cors.Match(origin, method, requested) ?? throw new S3Exception(S3Error.CorsForbidden);
        CorsResponseHeaders.Apply(context.Response.Headers, match, origin, requested);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
    }
}
