using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Nuage.Iam;
using Nuage.Iam.Authorization;
using Nuage.Iam.Federation;
using Nuage.IamApi.Errors;
using Nuage.IamApi.Handlers;
using Nuage.IamApi.Protocol;
using Nuage.Signing;
using Nuage.Telemetry;

namespace Nuage.IamApi;

/// <summary>
/// The request delegate of the IAM and STS door, which the S3 port hands every request whose SigV4 scope names iam
/// or sts (DESIGN.md "Services and front doors"): verify the signature over the buffered form body, parse the query
/// parameters, find the action in the scope's API, call it, and answer the query protocol's XML. Every failure
/// becomes an ErrorResponse; nothing a client sends yields a stack trace.
/// </summary>
public sealed partial class IamApiPipeline(
    ICredentialResolver credentials,
    IAccessAuthorizer authorizer,
    TimeProvider time,
    IamActionTable actions,
    RequestLogWriter requestLogWriter,
    ILoggerFactory loggers,
    ILogger<IamApiPipeline> logger,
    Nuage.Regions.Identities.IIdentityWriteForwarder? identityWrites = null)
{
    private readonly SigV4Authenticator _authenticator = new(credentials, time, ["iam", "sts"]);
    private readonly ILogger _requestLog = loggers.CreateLogger(RequestLog.IamCategory);

    /// <summary>Serves one request, then writes its request log line (operation "iam:Action" or "sts:Action").</summary>
    public async Task HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var requestId = Guid.NewGuid().ToString();
        var service = AwsSignature.PeekService(http.Request) == "sts" ? "sts" : "iam";
        var trace = new QueryTrace();
        try
        {
            await ServeAsync(http, service, requestId, trace);
        }
        finally
        {
            requestLogWriter.Write(
                _requestLog, service + ":" + (trace.Action ?? "Unknown"), RequestLog.None, http.Response.StatusCode, trace.ErrorCode ?? RequestLog.None,
                trace.AccessKeyId ?? RequestLog.None, http.Request.ContentLength ?? 0, http.Response.ContentLength ?? 0,
                System.Diagnostics.Stopwatch.GetElapsedTime(started), requestId);
        }
    }

    private async Task ServeAsync(HttpContext http, string service, string requestId, QueryTrace trace)
    {
        var ns = service == "sts" ? QueryNamespaces.Sts : QueryNamespaces.Iam;
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        try
        {
            if (!HttpMethods.IsPost(http.Request.Method) && !HttpMethods.IsGet(http.Request.Method))
            {
                throw new QueryApiException(QueryError.InvalidAction, $"The {service.ToUpperInvariant()} API takes GET or POST requests.");
            }

            var auth = await _authenticator.AuthenticateFormAsync(http.Request, http.RequestAborted);
            trace.AccessKeyId = auth.Principal?.AccessKeyId;
            if (auth.IsAnonymous)
            {
                throw new QueryApiException(QueryError.MissingAuthenticationToken);
            }

            var body = await ReadBufferedAsync(auth.Body, http.RequestAborted);
            var request = QueryRequest.Parse(http.Request.QueryString.Value?.TrimStart('?'), body);
            var name = request.Action;
            trace.Action = name;
            var table = service == "sts" ? actions.Sts : actions.Iam;
            if (!table.TryGetValue(name, out var action))
            {
                throw new QueryApiException(QueryError.InvalidAction, $"Could not find operation {name} for version {request.Version ?? "(none)"}");
            }

            // A member region of a federation: IAM changes are made by the control region, which owns identities and
            // checks the request's signature and permissions again itself; like AWS IAM, a global service, any region's
            // endpoint takes them (docs/regions.md, "Identities"). Reads are answered from this region's copy.
            if (service == "iam" && identityWrites is not null && !IsRead(name))
            {
                await identityWrites.ForwardAsync(http, body, ControlRegionPort.S3);
                return;
            }

            var result = await action(new IamCall(http, auth.Principal, request, authorizer, time));
            await WriteAsync(http, StatusCodes.Status200OK, QueryResponseWriter.Success(name, ns, requestId, result));
        }
        catch (QueryApiException e)
        {
            trace.ErrorCode = e.Error.Code;
            await WriteErrorAsync(http, ns, e.Error, e.Message, requestId);
        }
        catch (IamException e)
        {
            var error = QueryErrorMapper.Map(e.Code);
            trace.ErrorCode = error.Code;
            await WriteErrorAsync(http, ns, error, e.Message, requestId);
        }
        catch (SignatureException e)
        {
            var error = QueryErrorMapper.Map(e.Code);
            trace.ErrorCode = error.Code;
            await WriteErrorAsync(http, ns, error, e.Reason ?? error.DefaultMessage, requestId);
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            http.Abort();
        }
        catch (Exception e) when (QueryErrorMapper.MapTransient(e) is { } transient)
        {
            // The metadata database is restarting or failing over: nothing was done, the client retries.
            LogTransient(logger, service, http.Request.Method, e.Message);
            trace.ErrorCode = transient.Code;
            await WriteErrorAsync(http, ns, transient, transient.DefaultMessage, requestId);
        }
        catch (Exception e)
        {
            LogUnexpected(logger, e, service, http.Request.Method);
            trace.ErrorCode = QueryError.InternalFailure.Code;
            await WriteErrorAsync(http, ns, QueryError.InternalFailure, QueryError.InternalFailure.DefaultMessage, requestId);
        }
    }

    /// <summary>IAM's reading actions are named Get... and List... ("Actions, resources, and condition keys for IAM": access level Read and List).</summary>
    private static bool IsRead(string action) =>
        action.StartsWith("Get", StringComparison.Ordinal) || action.StartsWith("List", StringComparison.Ordinal);

    /// <summary>The body the authenticator buffered (bounded by <see cref="SigV4Authenticator.MaxFormBodyBytes"/>).</summary>
    private static async Task<byte[]> ReadBufferedAsync(Stream body, CancellationToken cancellationToken)
    {
        if (body is MemoryStream { Position: 0 } buffered && buffered.TryGetBuffer(out var segment))
        {
            return segment.Count == segment.Array!.Length ? segment.Array : segment.ToArray();
        }

        using var copy = new MemoryStream();
        await body.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    private static Task WriteErrorAsync(HttpContext http, string ns, QueryError error, string message, string requestId) =>
        WriteAsync(http, error.Status, QueryResponseWriter.Error(ns, error, message, requestId));

    private static async Task WriteAsync(HttpContext http, int status, byte[] document)
    {
        if (http.Response.HasStarted)
        {
            http.Abort();
            return;
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = QueryErrorMapper.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "text/xml";
        http.Response.ContentLength = document.Length;
        await http.Response.Body.WriteAsync(document, http.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered ServiceUnavailable to a {Service} {Method} request: {Reason}")]
    private static partial void LogTransient(ILogger logger, string service, string method, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure answering a {Service} {Method} request")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string service, string method);
}
