using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Nuage.S3.Authorization;
using Nuage.S3.Routing;
using Nuage.S3.Telemetry;
using Nuage.Storage.Buckets;

namespace Nuage.S3.AccessLogging;

/// <summary>
/// The S3 pipeline's hook for server access logging. <see cref="LoggedBucketAsync"/> is asked once per request,
/// right after the target is parsed: for a bucket without logging it costs one lookup in the bucket cache the
/// authorizer reads anyway. For a logged bucket, <see cref="Record"/> turns the finished request into an
/// <see cref="AccessLogEntry"/> and hands its line to the <see cref="AccessLogBuffer"/>; the delivery worker
/// writes it later. Log deliveries are written by the storage service directly, never through this pipeline, so
/// they are never logged themselves.
/// </summary>
public sealed class AccessLogRecorder(IBucketService buckets, BucketViews views, AccessLogBuffer buffer, TimeProvider time)
{
    /// <summary>Query parameters that are credentials: their values stay out of the log's Request-URI.</summary>
    private static readonly string[] SecretParameters = ["X-Amz-Signature", "Signature", "X-Amz-Security-Token"];

    /// <summary>The bucket's view when it has server access logging on; null otherwise (and for a bucket that does not exist).</summary>
    public async ValueTask<BucketView?> LoggedBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        var access = await buckets.GetAccessAsync(bucket, cancellationToken);
        if (access?.Setting(BucketSettingNames.Logging) is null)
        {
            return null;
        }

        var view = await views.GetAsync(bucket, cancellationToken);
        return view?.Logging is null ? null : view;
    }

    /// <summary>Records a finished request on a logged bucket (<see cref="RequestRecord.LoggedBucket"/> set).</summary>
    internal void Record(HttpContext http, RequestRecord record, long started, long bodyEndedAt, long bytesSent, int status)
    {
        var bucket = record.LoggedBucket ?? record.LoggedCopySource;
        if (bucket is null)
        {
            return;
        }

        long finished = Stopwatch.GetTimestamp();
        var request = http.Request;
        var elapsed = Stopwatch.GetElapsedTime(started, finished);
        var arrived = time.GetUtcNow() - elapsed;
        var context = record.Context;
        var action = record.Action ?? context?.Operation.Action;
        var authenticated = context?.Principal is not null || record.AccessKeyId is not null;
        var (signature, authType) = authenticated ? Authentication(request) : (null, null);
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var entry = new AccessLogEntry
        {
            BucketOwner = bucket.Owner,
            Bucket = bucket.Name,
            Time = arrived,
            RemoteIp = http.Connection.RemoteIpAddress?.ToString(),
            Requester = context?.Principal?.Arn,
            RequestId = record.RequestId,
            Operation = AccessLogOperationNames.For(action, request.Method, record.Key is not null),
            Key = record.Key,
            RequestUri = request.Method + " " + WithoutSecrets(rawTarget) + " " + request.Protocol,
            HttpStatus = status,
            ErrorCode = record.ErrorCode,
            BytesSent = bytesSent,
            ObjectSize = ObjectSize(action, request, http.Response, status),
            TotalTimeMs = (long)elapsed.TotalMilliseconds,
            TurnAroundTimeMs = record.ResponseStarted == 0
                ? null
                : (long)Stopwatch.GetElapsedTime(Math.Max(started, bodyEndedAt is > 0 && bodyEndedAt < record.ResponseStarted ? bodyEndedAt : started), record.ResponseStarted).TotalMilliseconds,
            Referer = First(request.Headers.Referer),
            UserAgent = First(request.Headers.UserAgent),
            VersionId = First(request.Query["versionId"]),
            HostId = record.RequestId,
            SignatureVersion = signature,
            AuthType = authType,
            HostHeader = request.Host.Value,
            TlsVersion = http.Features.Get<ITlsHandshakeFeature>() is { } tls ? TlsName(tls.Protocol) : null,
            AclRequired = context?.AuthorizedByAcl == true,
        };
        // A copy is also logged in its source bucket's log, as the read it is ("REST.COPY.OBJECT_GET",
        // "REST.COPY.PART_GET"), with the source key.
        if (record.LoggedCopySource is { Logging: { } sourceConfiguration } source && context?.Operation is { } copy
            && CopySourceOf(copy) is { } copied)
        {
            var read = entry with
            {
                BucketOwner = source.Owner,
                Bucket = source.Name,
                Operation = action == S3Action.UploadPartCopy ? "REST.COPY.PART_GET" : "REST.COPY.OBJECT_GET",
                Key = copied.Key,
                VersionId = copied.VersionId,
                ObjectSize = null,
            };
            buffer.Add(source.Name, source.Owner, sourceConfiguration, arrived, AccessLogLine.Format(read));
        }

        if (record.LoggedBucket?.Logging is not { } configuration)
        {
            return;
        }

        buffer.Add(bucket.Name, bucket.Owner, configuration, arrived, AccessLogLine.Format(entry));

        // "BATCH.DELETE.OBJECT": a multi-object delete also logs each key it deleted or refused ("Amazon S3 server
        // access log format", Operation), with the request's id.
        foreach (var deleted in context?.BatchDeletes ?? [])
        {
            var line = AccessLogLine.Format(entry with
            {
                Operation = AccessLogOperationNames.BatchDelete,
                Key = deleted.Key,
                VersionId = deleted.VersionId,
                HttpStatus = deleted.Error?.Status ?? StatusCodes.Status204NoContent,
                ErrorCode = deleted.Error?.Code,
                BytesSent = 0,
                ObjectSize = null,
                TurnAroundTimeMs = null,
            });
            buffer.Add(bucket.Name, bucket.Owner, configuration, arrived, line);
        }
    }

    /// <summary>The source of a copy (CopyObject, UploadPartCopy); null for every other operation.</summary>
    internal static CopySource? CopySourceOf(S3Operation operation) => operation switch
    {
        Routing.Operations.CopyObjectOperation op => op.Source,
        Routing.Operations.UploadPartCopyOperation op => op.Source,
        _ => null,
    };

    /// <summary>"The total size of the object in question": what a read answered, or what a write sent.</summary>
    private static long? ObjectSize(S3Action? action, HttpRequest request, HttpResponse response, int status)
    {
        switch (action)
        {
            case S3Action.GetObject or S3Action.HeadObject when status is >= 200 and < 300:
                var range = response.Headers.ContentRange.ToString();
                var slash = range.LastIndexOf('/');
                return slash >= 0 && long.TryParse(range.AsSpan(slash + 1), out var total) ? total : response.ContentLength;
            case S3Action.PutObject or S3Action.UploadPart:
                return long.TryParse(First(request.Headers["x-amz-decoded-content-length"]), out var decoded) ? decoded : request.ContentLength;
            default:
                return null;
        }
    }

    /// <summary>Signature version and authentication type of a signed request (AuthHeader or QueryString, as AWS names them).</summary>
    private static (string? Signature, string? AuthType) Authentication(HttpRequest request)
    {
        var authorization = First(request.Headers.Authorization);
        if (authorization is not null)
        {
            return (authorization.StartsWith("AWS4-", StringComparison.Ordinal) ? "SigV4" : "SigV2", "AuthHeader");
        }

        return request.Query.ContainsKey("X-Amz-Signature") ? ("SigV4", "QueryString")
            : request.Query.ContainsKey("Signature") ? ("SigV2", "QueryString")
            : (null, null);
    }

    /// <summary>The request target with the values of signature and session-token parameters left out: a presigned URL's query is a credential.</summary>
    private static string WithoutSecrets(string rawTarget)
    {
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        if (queryStart < 0 || !SecretParameters.Any(p => rawTarget.Contains(p, StringComparison.OrdinalIgnoreCase)))
        {
            return rawTarget;
        }

        var parameters = rawTarget[(queryStart + 1)..].Split('&');
        for (var i = 0; i < parameters.Length; i++)
        {
            var equals = parameters[i].IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? parameters[i] : parameters[i][..equals];
            if (SecretParameters.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                parameters[i] = name + "=";
            }
        }

        return rawTarget[..(queryStart + 1)] + string.Join('&', parameters);
    }

    private static string? TlsName(System.Security.Authentication.SslProtocols protocol) => protocol switch
    {
        System.Security.Authentication.SslProtocols.Tls12 => "TLSv1.2",
        System.Security.Authentication.SslProtocols.Tls13 => "TLSv1.3",
        _ => null,
    };

    private static string? First(StringValues values) => values.Count == 0 ? null : values[0];
}
