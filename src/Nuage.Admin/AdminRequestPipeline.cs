using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Nuage.Admin.Errors;
using Nuage.Admin.Health;
using Nuage.Admin.Http;
using Nuage.Admin.Json;
using Nuage.Admin.Routing;
using Nuage.Iam;
using Nuage.Iam.Authorization;
using Nuage.Iam.Identities;
using Nuage.Signing;
using Nuage.Telemetry;

namespace Nuage.Admin;

/// <summary>
/// The one request delegate of the console port: /health/live and /health/ready unauthenticated, the admin API under
/// /api/ as authenticate (SigV4, service <see cref="SigningService"/>) → route → authorize (the same
/// <see cref="IAccessAuthorizer"/> as S3) → handler → JSON. Every failure becomes <c>{"error":{...}}</c> with its
/// status; bad input never reaches a 500.
/// </summary>
public sealed partial class AdminRequestPipeline(
    ICredentialResolver credentials,
    TimeProvider time,
    IAccessAuthorizer authorizer,
    IdentityRegistry registry,
    ServiceReadiness readiness,
    HealthCheckService health,
    NuageMetrics metrics,
    AdminRouter router,
    RequestLogWriter requestLogWriter,
    ILoggerFactory loggers,
    ILogger<AdminRequestPipeline> logger,
    Nuage.Regions.Identities.IIdentityWriteForwarder? identityWrites = null)
{
    private readonly ILogger _requestLog = loggers.CreateLogger(RequestLog.AdminCategory);

    /// <summary>
    /// The service a request's SigV4 credential scope must name ("AK/DATE/REGION/nuage-admin/aws4_request"). Not
    /// "iam": an IAM client pointed here by mistake is refused instead of being half understood. Any region is accepted.
    /// </summary>
    public const string SigningService = "nuage-admin";

    private const string ApiPrefix = "/api/";

    private readonly SigV4Authenticator _authenticator = new(credentials, time, SigningService);

    public async Task HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var path = http.Request.Path.Value ?? "/";
        switch (path)
        {
            case "/health/live":
                await WriteAsync(http, StatusCodes.Status200OK, new { Status = "live" }).ConfigureAwait(false);
                return;
            case "/health/ready":
                await WriteReadinessAsync(http).ConfigureAwait(false);
                return;
            case "/metrics":
                http.Response.ContentType = NuageMetrics.TextContentType;
                await metrics.WriteTextAsync(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
                return;
        }

        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var trace = new AdminTrace();
        try
        {
            await ServeApiAsync(http, path, trace).ConfigureAwait(false);
        }
        finally
        {
            requestLogWriter.Write(
                _requestLog, trace.Action ?? http.Request.Method + " " + AdminTrace.Unrouted, RequestLog.None, http.Response.StatusCode,
                trace.ErrorCode ?? RequestLog.None, trace.AccessKeyId ?? RequestLog.None, http.Request.ContentLength ?? 0, 0,
                System.Diagnostics.Stopwatch.GetElapsedTime(started), http.TraceIdentifier);
        }
    }

    private async Task ServeApiAsync(HttpContext http, string path, AdminTrace trace)
    {
        try
        {
            if (!path.StartsWith(ApiPrefix, StringComparison.Ordinal))
            {
                throw new AdminException(AdminError.NoSuchRoute, $"Nothing is served at {path} yet: the admin API is under {ApiPrefix}, health under /health/.");
            }

            await HandleApiAsync(http, path[ApiPrefix.Length..], trace).ConfigureAwait(false);
        }
        catch (Exception e) when (http.RequestAborted.IsCancellationRequested || e is ConnectionResetException)
        {
            http.Abort(); // the client went away: nobody to answer
        }
        catch (AdminException e)
        {
            await WriteErrorAsync(http, e.Error, e.Message, trace).ConfigureAwait(false);
        }
        catch (IamException e)
        {
            await WriteErrorAsync(http, AdminErrorMapper.Map(e.Code), e.Message, trace).ConfigureAwait(false);
        }
        catch (SignatureException e)
        {
            // From the authenticator, or from the body stream when the body is not the one whose hash was signed.
            var error = AdminErrorMapper.Map(e.Code);
            var details = e.Details.Count == 0 ? "" : " " + string.Join("; ", e.Details.Select(d => d.Key + ": " + d.Value));
            await WriteErrorAsync(http, error, (e.Reason ?? e.Code.ToString()) + details, trace).ConfigureAwait(false);
        }
        catch (Exception e) when (AdminErrorMapper.MapTransient(e) is { } transient)
        {
            // The metadata database is restarting or failing over: nothing was done, the client retries.
            if (!http.Response.HasStarted)
            {
                http.Response.Headers.RetryAfter = "1"; // seconds (RFC 9110 §10.2.3): a restart or failover takes a few
            }

            await WriteErrorAsync(http, transient, "The metadata database is unavailable; retry shortly.", trace).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            await WriteErrorAsync(http, AdminError.InvalidInput, "The request could not be read: " + e.Message, trace).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogUnexpected(logger, e, http.Request.Method, path);
            await WriteErrorAsync(http, AdminError.InternalError, "The server could not complete the request; its log says why.", trace).ConfigureAwait(false);
        }
    }

    private async Task HandleApiAsync(HttpContext http, string routePath, AdminTrace trace)
    {
        var auth = await _authenticator.AuthenticateAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        trace.AccessKeyId = auth.Principal?.AccessKeyId;
        if (auth.IsAnonymous)
        {
            throw new AdminException(
                AdminError.AccessDenied, $"The admin API takes only signed requests (AWS Signature Version 4, service \"{SigningService}\").");
        }

        var match = router.Match(http.Request.Method, routePath);
        var scope = new AdminScope(match.Values, registry.Current);
        var route = match.Route;
        trace.Action = route.IamAction;

        // A member region of a federation: accounts and identities are changed by the control region, which
        // authenticates and authorizes the request again itself (docs/regions.md, "Identities").
        if (identityWrites is not null && ChangesIdentities(route))
        {
            var body = await new AdminCall(scope, auth.Principal, http.Request, auth.Body).ReadBytesAsync().ConfigureAwait(false);
            await identityWrites.ForwardAsync(http, body, Nuage.Iam.Federation.ControlRegionPort.Console).ConfigureAwait(false);
            return;
        }
        var resource = route.Resource(scope);
        var query = new AccessQuery(
            auth.Principal, route.IamAction, resource.Arn, http.Connection.RemoteIpAddress, http.Request.IsHttps, time.GetUtcNow(),
            UserAgent: http.Request.Headers.UserAgent.Count > 0 ? http.Request.Headers.UserAgent[0] : null,
            ResourceOwnerAccountId: resource.OwnerAccountId);
        if (!await authorizer.IsAllowedAsync(query, http.RequestAborted).ConfigureAwait(false))
        {
            throw new AdminException(
                AdminError.AccessDenied, $"User: {auth.Principal.Arn} is not authorized to perform: {route.IamAction} on resource: {resource.Arn}");
        }

        // Only now, so that a caller who may not act learns nothing about which accounts exist.
        if (scope.AccountKey is not null && scope.Account is null)
        {
            throw new IamException(IamErrorCode.NoSuchEntity, $"The account {scope.AccountKey} cannot be found.");
        }

        var result = await route.Handle(new AdminCall(scope, auth.Principal, http.Request, auth.Body)).ConfigureAwait(false);
        await WriteAsync(http, result.Status, result.Body).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether a route changes what the control region of a federation owns: accounts, their settings, users, groups,
    /// roles, policies and keys. An account's KMS keys are not among them: they encrypt this region's objects and stay here.
    /// </summary>
    private static bool ChangesIdentities(AdminRoute route) =>
        !HttpMethods.IsGet(route.Method) && route.Segments[0] == "accounts" && !route.Template.Contains("/kms-keys", StringComparison.Ordinal);

    /// <summary>
    /// Ready only once started and not stopping, and when every check tagged <see cref="ReadinessChecks.Tag"/> passes
    /// now (the metadata store commits, the blob directory takes a write); otherwise 503 naming each failing check.
    /// </summary>
    private async Task WriteReadinessAsync(HttpContext http)
    {
        if (!readiness.IsReady)
        {
            await WriteAsync(http, StatusCodes.Status503ServiceUnavailable, new ReadinessDocument("not ready", "starting or stopping", null))
                .ConfigureAwait(false);
            return;
        }

        var report = await health.CheckHealthAsync(check => check.Tags.Contains(ReadinessChecks.Tag), http.RequestAborted).ConfigureAwait(false);
        var checks = report.Entries.ToDictionary(
            entry => entry.Key,
            entry => new ReadinessCheckDocument(
                entry.Value.Status == HealthStatus.Healthy ? "pass" : "fail",
                entry.Value.Description ?? entry.Value.Exception?.Message,
                Math.Round(entry.Value.Duration.TotalMilliseconds, 3)));
        bool ready = report.Status == HealthStatus.Healthy;
        var failing = checks.Where(c => c.Value.Status == "fail").Select(c => c.Key).ToList();
        await WriteAsync(
            http,
            ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
            new ReadinessDocument(ready ? "ready" : "not ready", ready ? null : "failing: " + string.Join(", ", failing), checks)).ConfigureAwait(false);
    }

    private static Task WriteErrorAsync(HttpContext http, AdminError error, string message, AdminTrace trace)
    {
        trace.ErrorCode = error.Code;
        if (http.Response.HasStarted)
        {
            http.Abort();
            return Task.CompletedTask;
        }

        return WriteAsync(http, error.Status, ErrorDocument.Of(error.Code, message));
    }

    private static async Task WriteAsync(HttpContext http, int status, object? body)
    {
        http.Response.StatusCode = status;
        if (body is null)
        {
            return;
        }

        http.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, body, body.GetType(), AdminJson.Options, http.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Admin API request {Method} {Path} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
