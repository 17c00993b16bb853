using Nuage.Iam.Policies;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Nuage.Iam;
using Nuage.Iam.Authorization;
using Nuage.Iot;
using Nuage.Iot.Shadows;
using Nuage.Signing;
using Nuage.Telemetry;

namespace Nuage.IotData;

/// <summary>
/// The request delegate of the iotdata door, which the S3 port hands every request whose SigV4 scope names iotdata
/// (DESIGN.md "Services and front doors"): verify the signature over the buffered body, find the operation of the
/// Device Shadow REST API, decide its iot: action on the thing's ARN, call the shadow service, and answer its JSON
/// document (or an AWS REST-JSON error). An update made here is published on the MQTT topics by the service.
/// </summary>
public sealed partial class IotDataPipeline(
    ICredentialResolver credentials,
    IAccessAuthorizer authorizer,
    ShadowService shadows,
    IotOptions options,
    TimeProvider time,
    RequestLogWriter requestLogWriter,
    ILoggerFactory loggers,
    ILogger<IotDataPipeline> logger)
{
    /// <summary>The request log's category for this door (beside RequestLog.S3Category and IamCategory).</summary>
    public const string RequestLogCategory = "Nuage.IotData.Requests";

    private readonly SigV4Authenticator _authenticator = new(credentials, time, ["iotdata"]);
    private readonly ILogger _requestLog = loggers.CreateLogger(RequestLogCategory);

    /// <summary>Serves one request, then writes its request log line (operation "iotdata:Operation", resource the thing).</summary>
    public async Task HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        try
        {
            await ServeGuardedAsync(http);
        }
        finally
        {
            var route = http.Items[typeof(IotDataRoute)] as IotDataRoute;
            var principal = http.Items[typeof(Principal)] as Principal;
            var errorType = http.Response.Headers["x-amzn-ErrorType"].ToString();
            requestLogWriter.Write(
                _requestLog, "iotdata:" + (route?.Operation.ToString() ?? "Unknown"), route?.ThingName ?? RequestLog.None, http.Response.StatusCode,
                errorType.Length > 0 ? errorType : RequestLog.None, principal?.AccessKeyId ?? RequestLog.None, http.Request.ContentLength ?? 0,
                http.Response.ContentLength ?? 0, System.Diagnostics.Stopwatch.GetElapsedTime(started), requestId);
        }
    }

    private async Task ServeGuardedAsync(HttpContext http)
    {
        try
        {
            await ServeAsync(http);
        }
        catch (IotDataException e)
        {
            await WriteErrorAsync(http, e.Status, e.ErrorType, Encoding.UTF8.GetBytes(new JsonObject { ["message"] = e.Message }.ToJsonString()));
        }
        catch (SignatureException e)
        {
            // A body over the signed-body buffer is the only InvalidRequest a shadow client can cause by its payload
            // (ServeAsync refuses a declared oversized one first); the rest are signature problems.
            var status = e.Code == SignatureErrorCode.InvalidRequest
                ? (e.Reason?.StartsWith("The request body is larger", StringComparison.Ordinal) == true ? 413 : 400)
                : 403;
            var message = status == 413 ? ShadowError.PayloadTooLarge.Message : e.Reason ?? e.Code.ToString();
            await WriteErrorAsync(http, status, IotDataException.TypeOf(status), Encoding.UTF8.GetBytes(new JsonObject { ["message"] = message }.ToJsonString()));
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            http.Abort();
        }
        catch (Exception e) when (IotDataException.Transient(e) is { } transient)
        {
            // The metadata database is restarting or failing over: nothing was done, the client retries.
            LogTransient(logger, http.Request.Method, e.Message);
            await WriteErrorAsync(http, transient.Status, transient.ErrorType, Encoding.UTF8.GetBytes(new JsonObject { ["message"] = transient.Message }.ToJsonString()));
        }
        catch (Exception e)
        {
            LogUnexpected(logger, e, http.Request.Method);
            await WriteErrorAsync(http, 500, IotDataException.TypeOf(500), """{"message":"Internal service failure"}"""u8.ToArray());
        }
    }

    private async Task ServeAsync(HttpContext http)
    {
        var route = IotDataRoute.Match(http.Request, out var refusal);
        http.Items[typeof(IotDataRoute)] = route;
        if (http.Request.ContentLength > SigV4Authenticator.MaxFormBodyBytes)
        {
            throw new IotDataException(413, IotDataException.TypeOf(413), ShadowError.PayloadTooLarge.Message);
        }

        var auth = await _authenticator.AuthenticateFormAsync(http.Request, http.RequestAborted);
        if (auth.Principal is not { } principal)
        {
            throw new IotDataException(403, IotDataException.TypeOf(403), "Missing Authentication Token");
        }

        http.Items[typeof(Principal)] = principal;

        if (route is null)
        {
            throw new IotDataException(refusal, IotDataException.TypeOf(refusal), refusal == 405 ? "Method Not Allowed" : "Not Found");
        }

        if (!ShadowNames.IsValidThingName(route.ThingName))
        {
            throw new IotDataException(400, IotDataException.TypeOf(400), "Invalid thing name");
        }

        if (route.ShadowName.Length > 0 && !ShadowNames.IsValidShadowName(route.ShadowName))
        {
            throw new IotDataException(400, IotDataException.TypeOf(400), "Invalid shadow name");
        }

        var action = route.Operation switch
        {
            IotDataOperation.GetThingShadow => ShadowActions.Get,
            IotDataOperation.UpdateThingShadow => ShadowActions.Update,
            IotDataOperation.DeleteThingShadow => ShadowActions.Delete,
            _ => ShadowActions.ListNamed,
        };
        var query = new AccessQuery(
            principal, action, ShadowActions.ThingArn(options.Region, principal.AccountId, route.ThingName),
            http.Connection.RemoteIpAddress, http.Request.IsHttps, time.GetUtcNow(), ResourceOwnerAccountId: principal.AccountId);
        if (await authorizer.DecideAsync(query, http.RequestAborted) != AccessDecision.Allow)
        {
            throw new IotDataException(403, IotDataException.TypeOf(403), $"User: {principal.Arn} is not authorized to perform: {action} on resource: {query.Resource}");
        }

        if (route.Operation == IotDataOperation.ListNamedShadowsForThing)
        {
            await ListAsync(http, principal.AccountId, route.ThingName);
            return;
        }

        var body = ReadAll(auth.Body);
        var address = new ShadowAddress(principal.AccountId, route.ThingName, route.ShadowName);
        var result = route.Operation switch
        {
            IotDataOperation.GetThingShadow => await shadows.GetAsync(address, ReadOnlyMemory<byte>.Empty, http.RequestAborted),
            IotDataOperation.UpdateThingShadow => await shadows.UpdateAsync(address, body, http.RequestAborted),
            _ => await shadows.DeleteAsync(address, ReadOnlyMemory<byte>.Empty, http.RequestAborted),
        };
        if (result.Error is { } error)
        {
            // "Device Shadow error messages": over HTTP the error is the answer, and nothing is published on /rejected.
            await WriteErrorAsync(http, error.Code, IotDataException.TypeOf(error.Code), result.Body);
            return;
        }

        await WriteAsync(http, StatusCodes.Status200OK, result.Body);
    }

    private async Task ListAsync(HttpContext http, string accountId, string thingName)
    {
        var pageSize = ShadowLimits.DefaultPageSize;
        var pageSizeText = http.Request.Query["pageSize"].ToString();
        if (pageSizeText.Length > 0
            && (!int.TryParse(pageSizeText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pageSize)
                || pageSize is < 1 or > ShadowLimits.MaxPageSize))
        {
            throw new IotDataException(400, IotDataException.TypeOf(400), $"pageSize must be between 1 and {ShadowLimits.MaxPageSize}");
        }

        var list = await shadows.ListNamedAsync(accountId, thingName, http.Request.Query["nextToken"].ToString(), pageSize, http.RequestAborted)
            ?? throw new IotDataException(400, IotDataException.TypeOf(400), "Invalid nextToken");
        var document = new JsonObject { ["results"] = new JsonArray([.. list.Names.Select(n => (JsonNode?)n)]), ["timestamp"] = list.Timestamp };
        if (list.NextToken is { } token)
        {
            document["nextToken"] = token;
        }

        await WriteAsync(http, StatusCodes.Status200OK, Encoding.UTF8.GetBytes(document.ToJsonString()));
    }

    /// <summary>The body the authenticator buffered (bounded by <see cref="SigV4Authenticator.MaxFormBodyBytes"/>).</summary>
    private static byte[] ReadAll(Stream body)
    {
        if (body is MemoryStream buffered)
        {
            return buffered.ToArray();
        }

        using var copy = new MemoryStream();
        body.CopyTo(copy);
        return copy.ToArray();
    }

    private static Task WriteErrorAsync(HttpContext http, int status, string errorType, byte[] body)
    {
        if (!http.Response.HasStarted)
        {
            http.Response.Headers["x-amzn-ErrorType"] = errorType;
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                http.Response.Headers.RetryAfter = IotDataException.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return WriteAsync(http, status, body);
    }

    private static async Task WriteAsync(HttpContext http, int status, byte[] body)
    {
        if (http.Response.HasStarted)
        {
            http.Abort();
            return;
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered ServiceUnavailableException to an iotdata {Method} request: {Reason}")]
    private static partial void LogTransient(ILogger logger, string method, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure answering an iotdata {Method} request")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method);
}
