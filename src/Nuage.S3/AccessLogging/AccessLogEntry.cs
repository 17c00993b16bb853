namespace Nuage.S3.AccessLogging;

/// <summary>
/// One request as the server access log records it: the fields of "Amazon S3 server access log format", in its
/// order. A null string (or a zero byte count where the format says so) is written as '-'.
/// </summary>
public sealed record AccessLogEntry
{
    /// <summary>The canonical id of the source bucket's owner (in Nuage, its account id).</summary>
    public required string BucketOwner { get; init; }

    public required string Bucket { get; init; }

    /// <summary>When the request was received, in UTC.</summary>
    public required DateTimeOffset Time { get; init; }

    public string? RemoteIp { get; init; }

    /// <summary>The requester's ARN; null for an unauthenticated request.</summary>
    public string? Requester { get; init; }

    public required string RequestId { get; init; }

    /// <summary>REST.HTTP_method.resource_type (<see cref="AccessLogOperationNames"/>).</summary>
    public required string Operation { get; init; }

    /// <summary>The key, URL-encoded when written; null when the operation takes none.</summary>
    public string? Key { get; init; }

    /// <summary>The Request-URI part of the HTTP request message ("GET /bucket/key?query HTTP/1.1").</summary>
    public required string RequestUri { get; init; }

    public required int HttpStatus { get; init; }

    public string? ErrorCode { get; init; }

    /// <summary>Response bytes sent, HTTP overhead excluded; 0 is written as '-'.</summary>
    public long BytesSent { get; init; }

    /// <summary>The total size of the object in question; null when there is none.</summary>
    public long? ObjectSize { get; init; }

    /// <summary>Milliseconds from the request's arrival to the response's last byte.</summary>
    public long TotalTimeMs { get; init; }

    /// <summary>Milliseconds from the request's last byte to the response's first byte; null when no response was started.</summary>
    public long? TurnAroundTimeMs { get; init; }

    public string? Referer { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>The versionId of the request; null when it names none.</summary>
    public string? VersionId { get; init; }

    /// <summary>x-amz-id-2 of the response.</summary>
    public string? HostId { get; init; }

    /// <summary>SigV2 or SigV4; null for an unauthenticated request.</summary>
    public string? SignatureVersion { get; init; }

    public string? CipherSuite { get; init; }

    /// <summary>AuthHeader or QueryString; null for an unauthenticated request.</summary>
    public string? AuthType { get; init; }

    public string? HostHeader { get; init; }

    public string? TlsVersion { get; init; }

    /// <summary>Nuage has no access points: always null.</summary>
    public string? AccessPointArn { get; init; }

    /// <summary>The request was allowed by an ACL grant that the policies alone would not have given.</summary>
    public bool AclRequired { get; init; }
}
