using System.Diagnostics;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Nuage.Iam.Acls;
using Nuage.S3.AccessLogging;
using Nuage.S3.Auth;
using Nuage.S3.Authorization;
using Nuage.S3.Cors;
using Nuage.S3.Errors;
using Nuage.S3.Handlers;
using Nuage.S3.Http;
using Nuage.S3.Routing;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Telemetry;
using Nuage.Telemetry;
using Nuage.S3.Xml;
using Nuage.Signing;
using Nuage.Storage;

namespace Nuage.S3;

/// <summary>
/// The one request delegate of the S3 front door (DESIGN.md "Performance design": a single routing middleware,
/// no MVC): parse the target, verify the signature, route to a typed operation, authorize it, call the handler, and
/// turn every failure into S3's XML error document. Nothing a client sends can make it answer a 500 with a stack trace.
/// </summary>
public sealed partial class S3RequestPipeline(
    S3Authenticator authenticator,
    S3Authorizer authorizer,
    S3FrontDoorOptions options,
    BucketHandler buckets,
    ListObjectsHandler listing,
    PutObjectHandler puts,
    GetObjectHandler gets,
    DeleteObjectHandler deletes,
    CopyObjectHandler copies,
    MultipartHandler multipart,
    BucketPolicyHandler policies,
    AclHandler acls,
    BucketControlsHandler controls,
    PostObjectHandler posts,
    CorsHandler cors,
    ObjectAttributesHandler attributes,
    BucketTaggingHandler bucketTags,
    BucketEncryptionHandler bucketEncryption,
    ObjectTaggingHandler objectTags,
    VersioningHandler versioning,
    ObjectLockHandler locks,
    LifecycleHandler lifecycle,
    BucketLoggingHandler logging,
    BucketNotificationHandler notification,
    RegionRedirects redirects,
    AccessLogRecorder accessLog,
    CorsActualRequest crossOrigin,
    S3Metrics metrics,
    RequestLogWriter requestLogWriter,
    ILoggerFactory loggers,
    ILogger<S3RequestPipeline> logger,
    BucketReplicationHandler replication)
{
    /// <summary>The status logged and counted for a request whose client went away first (nginx's convention).</summary>
    private const int ClientClosedRequest = 499;

    private readonly ILogger _requestLog = loggers.CreateLogger(RequestLog.S3Category);

    /// <summary>Serves one request, then records it: one line in the request log and the S3 metric families.</summary>
    public async Task HandleAsync(HttpContext http)
    {
        long started = Stopwatch.GetTimestamp();
        var record = new RequestRecord(RequestIds.Next());
        var received = new CountingStream(http.Request.Body);
        var sent = new CountingStream(http.Response.Body);
        http.Request.Body = received;
        http.Response.Body = sent;
        try
        {
            await ServeAsync(http, record);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            int status = record.ClientGone ? ClientClosedRequest : http.Response.StatusCode;
            metrics.Record(record.Action, status, record.ErrorCode, received.Count, sent.Count, elapsed);
            requestLogWriter.Write(
                _requestLog, record.Action?.ToString() ?? S3Metrics.Unrouted, RequestLog.Printable(record.Bucket), status,
                record.ErrorCode ?? RequestLog.None, record.AccessKeyId ?? RequestLog.None, received.Count, sent.Count, elapsed, record.RequestId);
            if (record.LoggedBucket is not null || record.LoggedCopySource is not null)
            {
                try
                {
                    accessLog.Record(http, record, started, received.EndedAt, sent.Count, status);
                }
                catch (Exception e)
                {
                    // The answer is out; a record that cannot be made is lost (logging is best effort), not the server.
                    LogAccessRecordFailed(logger, e, record.RequestId);
                }
            }
        }
    }

    private async Task ServeAsync(HttpContext http, RequestRecord record)
    {
        var requestId = record.RequestId;
        SetCommonHeaders(http.Response, requestId);
        CloseAfterEmptyExpectContinue(http);
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/";
        S3RequestContext? context = null;
        try
        {
            var target = S3RequestTarget.Parse(rawTarget, http.Request.Host.Value, options.Domain);
            record.Bucket = target.Bucket;
            record.Key = target.Key;
            if (target.Bucket is { } bucket && await accessLog.LoggedBucketAsync(bucket, http.RequestAborted) is { } logged)
            {
                record.LoggedBucket = logged;
                StampResponseStart(http, record);
            }

            // A CORS preflight is never signed: browsers send it without credentials (Fetch standard, "CORS-preflight
            // request"), to the actual request's URL, whose query may hold a presigned signature for another method.
            var auth = HttpMethods.IsOptions(http.Request.Method)
                ? AuthenticatedRequest.Anonymous(http.Request)
                : await authenticator.AuthenticateAsync(http.Request, http.RequestAborted);
            record.AccessKeyId = auth.Principal?.AccessKeyId;
            var operation = S3Router.Route(http.Request.Method, target, http.Request.Query, http.Request.Headers);
            record.Action = operation.Action;

            // A bucket of another region of the federation: 301 PermanentRedirect there, before any of the body is read
            // or anything is authorized here (this region holds none of the bucket's policies). CreateBucket is the
            // name registry's business (BucketAlreadyOwnedByYou / BucketAlreadyExists), never a redirect.
            if (target.Bucket is { } addressed && operation is not CreateBucketOperation
                && await redirects.ElsewhereAsync(addressed, http.RequestAborted) is { } elsewhere)
            {
                await AnswerElsewhereAsync(http, operation, auth.Principal?.AccountId, elsewhere, rawTarget, record);
                return;
            }

            // Signed for another region of the federation, for a bucket of this one (or a new bucket here): tell the
            // client which region to sign for, as AWS does, so SDKs re-sign and retry.
            if (auth.Principal is not null && operation is not ListBucketsOperation
                && AwsSignature.PeekRegion(http.Request) is { } signedFor && redirects.ExpectedSigningRegion(signedFor) is { } expected)
            {
                await WriteErrorAsync(
                    http, S3Error.AuthorizationHeaderMalformed,
                    $"The authorization header is malformed; the region '{signedFor}' is wrong; expecting '{expected}'",
                    [new("Region", expected)], rawTarget, record);
                return;
            }

            context = new S3RequestContext(http, operation, auth, requestId);
            record.Context = context;
            if (AccessLogRecorder.CopySourceOf(operation) is { } copied
                && await accessLog.LoggedBucketAsync(copied.Bucket, http.RequestAborted) is { } loggedSource)
            {
                record.LoggedCopySource = loggedSource;
                if (record.LoggedBucket is null)
                {
                    StampResponseStart(http, record);
                }
            }
            await crossOrigin.PrepareAsync(http, operation);

            // Anonymous requests reach the authorizer too: only a bucket policy can grant them anything.
            await authorizer.AuthorizeAsync(context);
            await DispatchAsync(context);
        }
        catch (S3Exception e)
        {
            await WriteErrorAsync(http, e.Error, e.Message, e.Details, rawTarget, record);
        }
        catch (SignatureException e)
        {
            // A key this region does not know, for a bucket of another region: identities are not replicated yet, so
            // an account's keys exist in its own region only (docs/regions.md). The redirect, which AWS gives before
            // looking at credentials, sends the client where its key and its bucket are.
            if (e.Code == SignatureErrorCode.InvalidAccessKeyId && record.Action is null && record.Bucket is { } addressed
                && !IsCreateBucket(http.Request, record) && await redirects.ElsewhereAsync(addressed, http.RequestAborted) is { } elsewhere)
            {
                await AnswerElsewhereAsync(http, null, null, elsewhere, rawTarget, record);
                return;
            }

            // From the authenticator, or from a body stream that found a chunk signature or content hash wrong.
            var error = S3ErrorMapper.Map(e.Code);
            await WriteErrorAsync(http, error, e.Reason ?? error.DefaultMessage, e.Details, rawTarget, record);
        }
        catch (AclException e)
        {
            await WriteErrorAsync(http, S3ErrorMapper.Map(e.Code), e.Message, [], rawTarget, record);
        }
        catch (StorageException e)
        {
            if (e.Code == StorageErrorCode.DataCorrupted)
            {
                LogCorruption(logger, PathOnly(rawTarget), e.Message);
            }

            // Without s3:ListBucket a missing key is AccessDenied, so reads cannot probe which keys exist (GetObject).
            if (e.Code == StorageErrorCode.NoSuchKey && context is { Operation: GetObjectOperation or HeadObjectOperation }
                && context.Operation is ObjectOperation read && !http.Response.HasStarted
                && !await authorizer.MayListKeyAsync(context, read.Bucket, read.Key))
            {
                await WriteErrorAsync(http, S3Error.AccessDenied, S3Error.AccessDenied.DefaultMessage, [], rawTarget, record);
                return;
            }

            IReadOnlyList<KeyValuePair<string, string>> details = e.ArgumentName is null
                ? []
                : [new("ArgumentName", e.ArgumentName), new("ArgumentValue", e.ArgumentValue ?? string.Empty)];
            await WriteErrorAsync(http, S3ErrorMapper.Map(e.Code), e.Message, details, rawTarget, record, e.DeleteMarkerVersionId);
        }
        catch (Exception e) when (http.RequestAborted.IsCancellationRequested || e is ConnectionResetException)
        {
            // The client went away (the reset can be seen on the body read before RequestAborted fires); nothing
            // was committed for a write whose body did not arrive whole, and there is no one left to answer.
            // Aborting stops Kestrel from trying to drain a body whose read failed half-way.
            record.ClientGone = true;
            http.Abort();
        }
        catch (Exception e) when (S3ErrorMapper.MapTransient(e) is { } transient)
        {
            // The metadata database is restarting, failing over or overrun: nothing was done, the client retries.
            // A warning, not an error: the operator's database is down, not Nuage (docs/metadata-engines.md).
            LogTransient(logger, http.Request.Method, PathOnly(rawTarget), e.Message);
            await WriteErrorAsync(http, transient, transient.DefaultMessage, [], rawTarget, record);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own body errors: the body ended before Content-Length, or arrived too slowly.
            var error = e.StatusCode == StatusCodes.Status408RequestTimeout ? S3Error.RequestTimeout : S3Error.IncompleteBody;
            await WriteErrorAsync(http, error, error.DefaultMessage, [], rawTarget, record);
        }
        catch (Exception e)
        {
            LogUnexpected(logger, e, http.Request.Method, PathOnly(rawTarget));
            await WriteErrorAsync(http, S3Error.InternalError, S3Error.InternalError.DefaultMessage, [], rawTarget, record);
        }
    }

    /// <summary>
    /// A request for a bucket of another region. GetBucketLocation by the bucket's owner is answered here, from the
    /// registry, as any AWS region answers it for any bucket; everything else gets 301 PermanentRedirect with the
    /// region in x-amz-bucket-region and the Bucket and Endpoint in the error document (HeadBucket: the header, no
    /// body), which is what SDKs read to resend to the bucket's region.
    /// </summary>
    private async Task AnswerElsewhereAsync(
        HttpContext http, S3Operation? operation, string? callerAccount, Storage.Buckets.Directory.BucketPlacement elsewhere, string rawTarget, RequestRecord record)
    {
        if (operation is GetBucketLocationOperation && string.Equals(callerAccount, elsewhere.Owner, StringComparison.Ordinal))
        {
            await S3XmlResponse.WriteAsync(http.Response, xml => LocationConstraintDocument.Write(xml, elsewhere.Region));
            return;
        }

        IReadOnlyList<KeyValuePair<string, string>> details =
            [new("Bucket", elsewhere.Name), new("Endpoint", redirects.EndpointOf(elsewhere.Region))];
        await WriteErrorAsync(http, S3Error.PermanentRedirect, S3Error.PermanentRedirect.DefaultMessage, details, rawTarget, record, bucketRegion: elsewhere.Region);
    }

    /// <summary>CreateBucket as the router would see it (PUT on a bucket, no key, no subresource), before routing.</summary>
    private static bool IsCreateBucket(HttpRequest request, RequestRecord record) =>
        HttpMethods.IsPut(request.Method) && string.IsNullOrEmpty(record.Key) && !request.QueryString.HasValue;

    private Task DispatchAsync(S3RequestContext context) => context.Operation switch
    {
        ListBucketsOperation op => buckets.ListBucketsAsync(context, op),
        CreateBucketOperation op => buckets.CreateBucketAsync(context, op),
        HeadBucketOperation op => buckets.HeadBucketAsync(context, op),
        DeleteBucketOperation op => buckets.DeleteBucketAsync(context, op),
        GetBucketLocationOperation op => buckets.GetBucketLocationAsync(context, op),
        GetBucketVersioningOperation op => versioning.GetAsync(context, op),
        PutBucketVersioningOperation op => versioning.PutAsync(context, op),
        ListObjectVersionsOperation op => listing.ListVersionsAsync(context, op),
        GetObjectLockConfigurationOperation op => locks.GetConfigurationAsync(context, op),
        GetBucketLifecycleConfigurationOperation op => lifecycle.GetAsync(context, op),
        PutBucketLifecycleConfigurationOperation op => lifecycle.PutAsync(context, op),
        DeleteBucketLifecycleOperation op => lifecycle.DeleteAsync(context, op),
        PutObjectLockConfigurationOperation op => locks.PutConfigurationAsync(context, op),
        GetObjectRetentionOperation op => locks.GetRetentionAsync(context, op),
        PutObjectRetentionOperation op => locks.PutRetentionAsync(context, op),
        GetObjectLegalHoldOperation op => locks.GetLegalHoldAsync(context, op),
        PutObjectLegalHoldOperation op => locks.PutLegalHoldAsync(context, op),
        ListObjectsOperation op => listing.ListV1Async(context, op),
        ListObjectsV2Operation op => listing.ListV2Async(context, op),
        ListMultipartUploadsOperation op => multipart.ListUploadsAsync(context, op),
        DeleteObjectsOperation op => deletes.DeleteObjectsAsync(context, op),
        PutObjectOperation op => puts.PutObjectAsync(context, op),
        CopyObjectOperation op => copies.CopyObjectAsync(context, op),
        GetObjectOperation op => gets.GetObjectAsync(context, op),
        HeadObjectOperation op => gets.HeadObjectAsync(context, op),
        GetObjectAttributesOperation op => attributes.GetAsync(context, op),
        DeleteObjectOperation op => deletes.DeleteObjectAsync(context, op),
        CreateMultipartUploadOperation op => multipart.CreateAsync(context, op),
        UploadPartOperation op => multipart.UploadPartAsync(context, op),
        UploadPartCopyOperation op => multipart.UploadPartCopyAsync(context, op),
        CompleteMultipartUploadOperation op => multipart.CompleteAsync(context, op),
        AbortMultipartUploadOperation op => multipart.AbortAsync(context, op),
        ListPartsOperation op => multipart.ListPartsAsync(context, op),
        GetBucketPolicyOperation op => policies.GetAsync(context, op),
        PutBucketPolicyOperation op => policies.PutAsync(context, op),
        DeleteBucketPolicyOperation op => policies.DeleteAsync(context, op),
        GetBucketPolicyStatusOperation op => policies.GetStatusAsync(context, op),
        GetBucketAclOperation op => acls.GetBucketAclAsync(context, op),
        PutBucketAclOperation op => acls.PutBucketAclAsync(context, op),
        GetObjectAclOperation op => acls.GetObjectAclAsync(context, op),
        PutObjectAclOperation op => acls.PutObjectAclAsync(context, op),
        GetBucketOwnershipControlsOperation op => controls.GetOwnershipAsync(context, op),
        PutBucketOwnershipControlsOperation op => controls.PutOwnershipAsync(context, op),
        DeleteBucketOwnershipControlsOperation op => controls.DeleteOwnershipAsync(context, op),
        GetPublicAccessBlockOperation op => controls.GetPublicAccessBlockAsync(context, op),
        PutPublicAccessBlockOperation op => controls.PutPublicAccessBlockAsync(context, op),
        DeletePublicAccessBlockOperation op => controls.DeletePublicAccessBlockAsync(context, op),
        PostObjectOperation op => posts.PostObjectAsync(context, op),
        GetBucketCorsOperation op => cors.GetAsync(context, op),
        PutBucketCorsOperation op => cors.PutAsync(context, op),
        DeleteBucketCorsOperation op => cors.DeleteAsync(context, op),
        OptionsObjectOperation op => cors.PreflightAsync(context, op),
        GetBucketTaggingOperation op => bucketTags.GetAsync(context, op),
        PutBucketTaggingOperation op => bucketTags.PutAsync(context, op),
        DeleteBucketTaggingOperation op => bucketTags.DeleteAsync(context, op),
        GetBucketEncryptionOperation op => bucketEncryption.GetAsync(context, op),
        PutBucketEncryptionOperation op => bucketEncryption.PutAsync(context, op),
        DeleteBucketEncryptionOperation op => bucketEncryption.DeleteAsync(context, op),
        GetObjectTaggingOperation op => objectTags.GetAsync(context, op),
        PutObjectTaggingOperation op => objectTags.PutAsync(context, op),
        DeleteObjectTaggingOperation op => objectTags.DeleteAsync(context, op),
        GetBucketLoggingOperation op => logging.GetAsync(context, op),
        PutBucketLoggingOperation op => logging.PutAsync(context, op),
        GetBucketNotificationConfigurationOperation op => notification.GetAsync(context, op),
        PutBucketNotificationConfigurationOperation op => notification.PutAsync(context, op),
        GetBucketReplicationOperation op => replication.GetAsync(context, op),
        PutBucketReplicationOperation op => replication.PutAsync(context, op),
        DeleteBucketReplicationOperation op => replication.DeleteAsync(context, op),
        _ => throw new S3Exception(S3Error.NotImplemented),
    };

    /// <summary>Server access logging: the turn-around time needs the moment the response starts.</summary>
    private static void StampResponseStart(HttpContext http, RequestRecord record) =>
        http.Response.OnStarting(static state =>
        {
            ((RequestRecord)state).ResponseStarted = Stopwatch.GetTimestamp();
            return Task.CompletedTask;
        }, record);

    /// <summary>
    /// botocore (awscli, boto3) sends "Expect: 100-continue" on every upload, even of an empty file. Kestrel sends
    /// "100 Continue" only when the body is read, so an empty body gets its final answer without one, and botocore
    /// then leaves that pooled connection in a state where it never reads the next response (boto/botocore#3755:
    /// `aws s3 sync` stalls after an empty file). Closing such a connection after its answer makes the client open a
    /// fresh one; it costs one reconnect per empty upload.
    /// </summary>
    private static void CloseAfterEmptyExpectContinue(HttpContext http)
    {
        if (http.Request.ContentLength == 0 && ExpectsContinue(http.Request))
        {
            http.Response.Headers.Connection = "close";
        }
    }

    private static bool ExpectsContinue(HttpRequest request) =>
        request.Headers.Expect.ToString().Contains("100-continue", StringComparison.OrdinalIgnoreCase);

    /// <summary>The request target without its query string, which may hold a presigned URL's signature and credential.</summary>
    private static string PathOnly(string rawTarget)
    {
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        return queryStart < 0 ? rawTarget : rawTarget[..queryStart];
    }

    private static void SetCommonHeaders(HttpResponse response, string requestId)
    {
        response.Headers["x-amz-request-id"] = requestId;
        response.Headers["x-amz-id-2"] = requestId;
        response.Headers.Server = "Nuage";
    }

    private async Task WriteErrorAsync(
        HttpContext http, S3Error error, string message, IReadOnlyList<KeyValuePair<string, string>> details,
        string rawTarget, RequestRecord record, string? deleteMarkerVersionId = null, string? bucketRegion = null)
    {
        // Errors, and the redirect to another region (counted and logged as PermanentRedirect); not 304 Not Modified.
        if (error.Status >= StatusCodes.Status400BadRequest || error.Status == StatusCodes.Status301MovedPermanently)
        {
            record.ErrorCode = error.Code;
        }

        var requestId = record.RequestId;
        // The query string stays out of the error document and the log: a presigned URL's query is a credential.
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var resource = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var response = http.Response;
        if (response.HasStarted)
        {
            // Headers (and maybe bytes) are out: the only honest signal left is to cut the connection, so the
            // client sees a truncated body rather than wrong bytes (DESIGN.md invariant 6).
            LogAbortedMidResponse(logger, error.Code, resource);
            http.Abort();
            return;
        }

        var contentRange = error.Status == StatusCodes.Status416RangeNotSatisfiable ? response.Headers.ContentRange : default;
        response.Clear();
        SetCommonHeaders(response, requestId);
        if (ExpectsContinue(http.Request))
        {
            // Refused before "100 Continue" went out: the client may or may not send the body it held back, so the
            // connection's next bytes are unknowable. Closing it keeps the next request from being read as this
            // one's body (ceph/s3-tests test_100_continue_error_retry; botocore sends Expect on every upload).
            response.Headers.Connection = "close";
        }
        if (contentRange.Count > 0)
        {
            response.Headers.ContentRange = contentRange;
        }

        if (bucketRegion is not null)
        {
            response.Headers["x-amz-bucket-region"] = bucketRegion;
        }

        if (deleteMarkerVersionId is not null)
        {
            // A read that found a delete marker says so: 404 (latest) or 405 (named by id) with these two headers
            // (AWS "Working with delete markers"), so a client can tell "deleted" from "never existed".
            ObjectResponseHeaders.SetVersionId(response, deleteMarkerVersionId);
            response.Headers["x-amz-delete-marker"] = "true";
        }

        if (error.Status == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = S3ErrorMapper.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        response.StatusCode = error.Status;
        if (HttpMethods.IsHead(http.Request.Method) || error.Status == StatusCodes.Status304NotModified)
        {
            return; // HEAD and 304 carry no body (RFC 9110 §9.3.2, §15.4.5).
        }

        var body = ErrorDocument.Render(error.Code, message, resource, requestId, details);
        response.ContentType = "application/xml";
        response.ContentLength = body.Length;
        try
        {
            await response.Body.WriteAsync(body, http.RequestAborted);
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client is gone; there is no one to tell.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error serving {Method} {Target}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered SlowDown to {Method} {Target}: {Reason}")]
    private static partial void LogTransient(ILogger logger, string method, string target, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stored data failed its checksum while serving {Target}: {Detail}")]
    private static partial void LogCorruption(ILogger logger, string target, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Server access log record of request {RequestId} could not be made")]
    private static partial void LogAccessRecordFailed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection cut after the response started: {Code} for {Target}")]
    private static partial void LogAbortedMidResponse(ILogger logger, string code, string target);

}
