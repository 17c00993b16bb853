using Microsoft.AspNetCore.Http;
using Nuage.Iam.Acls;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Routing.Operations;

namespace Nuage.S3.Routing;

/// <summary>
/// Maps method + bucket/key + query + the deciding headers to one typed <see cref="S3Operation"/> carrying every
/// parameter of the operation, validated: a pure function, covered by a table-driven test. Sub-resources Nuage does
/// not serve yet answer NotImplemented rather than being mistaken for a plain object or bucket request.
/// </summary>
public static class S3Router
{
    /// <summary>S3 answers at most 10,000 buckets a page (ListBuckets, "max-buckets").</summary>
    public const int MaxBucketsPerPage = 10_000;

    // Bucket sub-resources from the S3 API reference that are not served yet: a request naming one must not fall
    // through to ListObjects or PutObject.
    private static readonly string[] UnservedBucketSubresources =
    [
        "accelerate", "analytics", "intelligent-tiering", "inventory",
        "metrics", "requestPayment", "website", "session",
        "metadataTable",
    ];

    private static readonly string[] UnservedObjectSubresources =
    [
        "restore", "select", "torrent", "renameObject",
    ];

    public static S3Operation Route(string method, S3RequestTarget target, IQueryCollection query, IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(headers);
        var bucket = target.Bucket;
        var key = target.Key;
        if (bucket is null)
        {
            return method == HttpMethods.Get ? ListBuckets(query) : throw MethodNotAllowed();
        }

        // A CORS preflight may name any bucket or object path ("Appendix: OPTIONS object"); its query is the
        // actual request's and plays no part.
        if (HttpMethods.IsOptions(method))
        {
            return new OptionsObjectOperation(bucket, key);
        }

        return key is null ? RouteBucket(method, bucket, query, headers) : RouteObject(method, bucket, key, query, headers);
    }

    private static S3Operation RouteBucket(string method, string bucket, IQueryCollection query, IHeaderDictionary headers)
    {
        if (HttpMethods.IsGet(method))
        {
            return query.ContainsKey("location") ? new GetBucketLocationOperation(bucket)
                : query.ContainsKey("policy") ? new GetBucketPolicyOperation(bucket)
                : query.ContainsKey("acl") ? new GetBucketAclOperation(bucket)
                : query.ContainsKey("ownershipControls") ? new GetBucketOwnershipControlsOperation(bucket)
                : query.ContainsKey("publicAccessBlock") ? new GetPublicAccessBlockOperation(bucket)
                : query.ContainsKey("policyStatus") ? new GetBucketPolicyStatusOperation(bucket)
                : query.ContainsKey("cors") ? new GetBucketCorsOperation(bucket)
                : query.ContainsKey("tagging") ? new GetBucketTaggingOperation(bucket)
                : query.ContainsKey("encryption") ? new GetBucketEncryptionOperation(bucket)
                : query.ContainsKey("versioning") ? new GetBucketVersioningOperation(bucket)
                : query.ContainsKey("versions") ? ListVersions(bucket, query)
                : query.ContainsKey("object-lock") ? new GetObjectLockConfigurationOperation(bucket)
                : query.ContainsKey("lifecycle") ? new GetBucketLifecycleConfigurationOperation(bucket)
                : query.ContainsKey("logging") ? new GetBucketLoggingOperation(bucket)
                : query.ContainsKey("notification") ? new GetBucketNotificationConfigurationOperation(bucket)
                : query.ContainsKey("replication") ? new GetBucketReplicationOperation(bucket)
                : query.ContainsKey("uploads") ? ListUploads(bucket, query)
                : Unserved(query, UnservedBucketSubresources) ? throw NotImplemented()
                : query["list-type"] == "2" ? ListV2(bucket, query)
                : ListV1(bucket, query);
        }

        if (HttpMethods.IsPut(method))
        {
            return query.ContainsKey("policy") ? new PutBucketPolicyOperation(bucket)
                : query.ContainsKey("acl") ? new PutBucketAclOperation(bucket, RequestAcl.From(Header(headers)))
                : query.ContainsKey("ownershipControls") ? new PutBucketOwnershipControlsOperation(bucket)
                : query.ContainsKey("publicAccessBlock") ? new PutPublicAccessBlockOperation(bucket)
                : query.ContainsKey("cors") ? new PutBucketCorsOperation(bucket)
                : query.ContainsKey("tagging") ? new PutBucketTaggingOperation(bucket)
                : query.ContainsKey("versioning") ? new PutBucketVersioningOperation(bucket)
                : query.ContainsKey("object-lock") ? new PutObjectLockConfigurationOperation(bucket)
                : query.ContainsKey("lifecycle") ? new PutBucketLifecycleConfigurationOperation(bucket)
                : query.ContainsKey("encryption") ? new PutBucketEncryptionOperation(bucket)
                : query.ContainsKey("logging") ? new PutBucketLoggingOperation(bucket)
                : query.ContainsKey("notification") ? new PutBucketNotificationConfigurationOperation(bucket)
                : query.ContainsKey("replication") ? new PutBucketReplicationOperation(bucket)
                : Unserved(query, UnservedBucketSubresources) || query.ContainsKey("versions") || query.ContainsKey("policyStatus")
                    ? throw NotImplemented()
                : new CreateBucketOperation(bucket, RequestAcl.From(Header(headers)), Ownership(headers))
                {
                    ObjectLockEnabled = IsTrue(headers, "x-amz-bucket-object-lock-enabled"),
                };
        }

        if (HttpMethods.IsHead(method))
        {
            return new HeadBucketOperation(bucket);
        }

        if (HttpMethods.IsDelete(method))
        {
            return query.ContainsKey("policy") ? new DeleteBucketPolicyOperation(bucket)
                : query.ContainsKey("ownershipControls") ? new DeleteBucketOwnershipControlsOperation(bucket)
                : query.ContainsKey("publicAccessBlock") ? new DeletePublicAccessBlockOperation(bucket)
                : query.ContainsKey("cors") ? new DeleteBucketCorsOperation(bucket)
                : query.ContainsKey("tagging") ? new DeleteBucketTaggingOperation(bucket)
                : query.ContainsKey("lifecycle") ? new DeleteBucketLifecycleOperation(bucket)
                : query.ContainsKey("encryption") ? new DeleteBucketEncryptionOperation(bucket)
                // S3 has no DeleteBucketLogging (a PutBucketLogging with an empty BucketLoggingStatus disables it):
                // this must never fall through to DeleteBucket.
                : query.ContainsKey("logging") ? throw MethodNotAllowed()
                // Nor DeleteBucketNotificationConfiguration: an empty configuration turns notifications off.
                : query.ContainsKey("notification") ? throw MethodNotAllowed()
                : query.ContainsKey("replication") ? new DeleteBucketReplicationOperation(bucket)
                : Unserved(query, UnservedBucketSubresources) ? throw NotImplemented()
                : new DeleteBucketOperation(bucket);
        }

        if (HttpMethods.IsPost(method))
        {
            return query.ContainsKey("delete") ? new DeleteObjectsOperation(bucket, IsTrue(headers, "x-amz-bypass-governance-retention"))
                : query.Count > 0 ? throw NotImplemented()
                : IsMultipartForm(headers) ? new PostObjectOperation(bucket)
                : throw new S3Exception(S3Error.MalformedPOSTRequest, "Bucket POST must be of the enclosure-type multipart/form-data");
        }

        throw MethodNotAllowed();
    }

    private static S3Operation RouteObject(string method, string bucket, string key, IQueryCollection query, IHeaderDictionary headers)
    {
        var hasUpload = query.ContainsKey("uploadId");
        if (HttpMethods.IsPut(method))
        {
            if (Unserved(query, UnservedObjectSubresources))
            {
                throw NotImplemented();
            }

            if (query.ContainsKey("acl"))
            {
                return new PutObjectAclOperation(bucket, key, QueryParameters.VersionId(query), RequestAcl.From(Header(headers)));
            }

            if (query.ContainsKey("tagging"))
            {
                return new PutObjectTaggingOperation(bucket, key, QueryParameters.VersionId(query));
            }

            if (query.ContainsKey("retention"))
            {
                return new PutObjectRetentionOperation(bucket, key, QueryParameters.VersionId(query), IsTrue(headers, "x-amz-bypass-governance-retention"));
            }

            if (query.ContainsKey("legal-hold"))
            {
                return new PutObjectLegalHoldOperation(bucket, key, QueryParameters.VersionId(query));
            }

            var copy = headers["x-amz-copy-source"];
            if (hasUpload || query.ContainsKey("partNumber"))
            {
                var uploadId = QueryParameters.UploadId(query);
                var partNumber = QueryParameters.PartNumber(query);
                return copy.Count == 0
                    ? new UploadPartOperation(bucket, key, uploadId, partNumber)
                    : new UploadPartCopyOperation(
                        bucket, key, uploadId, partNumber, CopySource.Parse(copy[0]), CopySourceRange.Parse(headers["x-amz-copy-source-range"]));
            }

            return copy.Count == 0
                ? new PutObjectOperation(bucket, key, RequestAcl.From(Header(headers)))
                {
                    Tags = ObjectRequestHeaders.ReadTags(headers), Encryption = RequestEncryption.From(headers), Lock = RequestedLock.From(headers),
                }
                : new CopyObjectOperation(bucket, key, CopySource.Parse(copy[0]), Directive(headers, "x-amz-metadata-directive"), RequestAcl.From(Header(headers)))
                {
                    TaggingDirective = Directive(headers, "x-amz-tagging-directive"),
                    DirectiveSent = headers.ContainsKey("x-amz-metadata-directive"),
                    Encryption = RequestEncryption.From(headers),
                    Lock = RequestedLock.From(headers),
                };
        }

        if (HttpMethods.IsGet(method))
        {
            return Unserved(query, UnservedObjectSubresources) ? throw NotImplemented()
                : query.ContainsKey("acl") ? new GetObjectAclOperation(bucket, key, QueryParameters.VersionId(query))
                : query.ContainsKey("attributes") ? new GetObjectAttributesOperation(
                    bucket, key, QueryParameters.VersionId(query), ObjectAttributeNames.Parse(headers),
                    Math.Min(ObjectAttributeNames.Number(headers, "x-amz-max-parts", 1000), 1000),
                    ObjectAttributeNames.Number(headers, "x-amz-part-number-marker", 0))
                : query.ContainsKey("tagging") ? new GetObjectTaggingOperation(bucket, key, QueryParameters.VersionId(query))
                : query.ContainsKey("retention") ? new GetObjectRetentionOperation(bucket, key, QueryParameters.VersionId(query))
                : query.ContainsKey("legal-hold") ? new GetObjectLegalHoldOperation(bucket, key, QueryParameters.VersionId(query))
                : hasUpload ? new ListPartsOperation(
                    bucket, key, QueryParameters.UploadId(query), QueryParameters.NonNegative(query, "part-number-marker"),
                    QueryParameters.MaxItems(query, "max-parts"))
                : new GetObjectOperation(
                    bucket, key, QueryParameters.VersionId(query), QueryParameters.OptionalPartNumber(query), QueryParameters.Overrides(query));
        }

        if (HttpMethods.IsHead(method))
        {
            return new HeadObjectOperation(
                bucket, key, QueryParameters.VersionId(query), QueryParameters.OptionalPartNumber(query), QueryParameters.Overrides(query));
        }

        if (HttpMethods.IsDelete(method))
        {
            return Unserved(query, UnservedObjectSubresources) ? throw NotImplemented()
                : query.ContainsKey("tagging") ? new DeleteObjectTaggingOperation(bucket, key, QueryParameters.VersionId(query))
                : hasUpload ? new AbortMultipartUploadOperation(bucket, key, QueryParameters.UploadId(query))
                : HasDirectoryBucketDeleteCondition(headers) is { } condition ? throw DirectoryBucketOnly(condition)
                : new DeleteObjectOperation(
                    bucket, key, QueryParameters.VersionId(query), headers.IfMatch.Count > 0 ? headers.IfMatch.ToString() : null,
                    IsTrue(headers, "x-amz-bypass-governance-retention"));
        }

        if (HttpMethods.IsPost(method))
        {
            return query.ContainsKey("uploads")
                ? new CreateMultipartUploadOperation(bucket, key, RequestAcl.From(Header(headers)))
                {
                    Tags = ObjectRequestHeaders.ReadTags(headers), Encryption = RequestEncryption.From(headers), Lock = RequestedLock.From(headers),
                }
                : hasUpload ? new CompleteMultipartUploadOperation(bucket, key, QueryParameters.UploadId(query))
                : throw NotImplemented();
        }

        throw MethodNotAllowed();
    }

    private static ListBucketsOperation ListBuckets(IQueryCollection query)
    {
        var max = QueryParameters.MaxItems(query, "max-buckets", MaxBucketsPerPage);
        if (max < 1)
        {
            throw new S3Exception(S3Error.InvalidArgument, "max-buckets must be between 1 and 10000")
            {
                Details = [new("ArgumentName", "max-buckets"), new("ArgumentValue", max.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            };
        }

        var token = QueryParameters.GetNonEmpty(query, "continuation-token");
        return new ListBucketsOperation(QueryParameters.Get(query, "prefix"), max, token is null ? null : ContinuationToken.Decode(token));
    }

    private static ListObjectsOperation ListV1(string bucket, IQueryCollection query)
    {
        var urlEncode = QueryParameters.UrlEncoding(query);
        return new ListObjectsOperation(
            bucket,
            QueryParameters.Get(query, "prefix") ?? string.Empty,
            QueryParameters.GetNonEmpty(query, "delimiter"),
            QueryParameters.GetNonEmpty(query, "marker"),
            QueryParameters.MaxItems(query, "max-keys"),
            urlEncode);
    }

    private static ListObjectsV2Operation ListV2(string bucket, IQueryCollection query)
    {
        var urlEncode = QueryParameters.UrlEncoding(query);
        var token = QueryParameters.Get(query, "continuation-token");
        var startAfter = QueryParameters.GetNonEmpty(query, "start-after");
        return new ListObjectsV2Operation(
            bucket,
            QueryParameters.Get(query, "prefix") ?? string.Empty,
            QueryParameters.GetNonEmpty(query, "delimiter"),
            token,
            startAfter,
            token is not null ? ContinuationToken.Decode(token) : startAfter,
            QueryParameters.MaxItems(query, "max-keys"),
            string.Equals(QueryParameters.Get(query, "fetch-owner"), "true", StringComparison.OrdinalIgnoreCase),
            urlEncode);
    }

    private static ListObjectVersionsOperation ListVersions(string bucket, IQueryCollection query)
    {
        var urlEncode = QueryParameters.UrlEncoding(query);
        return new ListObjectVersionsOperation(
            bucket,
            QueryParameters.Get(query, "prefix") ?? string.Empty,
            QueryParameters.GetNonEmpty(query, "delimiter"),
            QueryParameters.GetNonEmpty(query, "key-marker"),
            QueryParameters.GetNonEmpty(query, "version-id-marker"),
            QueryParameters.MaxItems(query, "max-keys"),
            urlEncode);
    }

    private static ListMultipartUploadsOperation ListUploads(string bucket, IQueryCollection query)
    {
        var urlEncode = QueryParameters.UrlEncoding(query);
        return new ListMultipartUploadsOperation(
            bucket,
            QueryParameters.Get(query, "prefix") ?? string.Empty,
            QueryParameters.GetNonEmpty(query, "delimiter"),
            QueryParameters.GetNonEmpty(query, "key-marker"),
            QueryParameters.GetNonEmpty(query, "upload-id-marker"),
            QueryParameters.MaxItems(query, "max-uploads"),
            urlEncode);
    }

    /// <summary>Header values for the ACL parsers: repeated headers joined with commas, null when absent.</summary>
    private static Func<string, string?> Header(IHeaderDictionary headers) =>
        name => headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;

    /// <summary>x-amz-object-ownership of CreateBucket, when sent; an unknown value is InvalidArgument.</summary>
    private static ObjectOwnership? Ownership(IHeaderDictionary headers)
    {
        var values = headers["x-amz-object-ownership"];
        if (values.Count == 0)
        {
            return null;
        }

        return ObjectOwnershipRules.TryParse(values[0], out var ownership)
            ? ownership
            : throw new S3Exception(S3Error.InvalidArgument, "Invalid x-amz-object-ownership header: " + values[0])
            {
                Details = [new("ArgumentName", "x-amz-object-ownership"), new("ArgumentValue", values[0] ?? string.Empty)],
            };
    }

    /// <summary>x-amz-metadata-directive or x-amz-tagging-directive (CopyObject): COPY when absent, else COPY or REPLACE.</summary>
    private static MetadataDirective Directive(IHeaderDictionary headers, string name)
    {
        var values = headers[name];
        var directive = values.Count == 0 ? "COPY" : (values[0] ?? string.Empty).Trim().ToUpperInvariant();
        return directive switch
        {
            "COPY" => MetadataDirective.Copy,
            "REPLACE" => MetadataDirective.Replace,
            _ => throw new S3Exception(S3Error.InvalidArgument, name == "x-amz-metadata-directive" ? "Unknown metadata directive." : "Unknown tagging directive.")
            {
                Details = [new("ArgumentName", name), new("ArgumentValue", directive)],
            },
        };
    }

    /// <summary>POST Object's body: Content-Type multipart/form-data (with its boundary, checked by the handler).</summary>
    private static bool IsMultipartForm(IHeaderDictionary headers) =>
        headers.ContentType.ToString().TrimStart().StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>A boolean header ("true", any case), as S3 reads x-amz-bucket-object-lock-enabled and x-amz-bypass-governance-retention.</summary>
    private static bool IsTrue(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && string.Equals(values.ToString().Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static bool Unserved(IQueryCollection query, string[] names)
    {
        if (query.Count == 0)
        {
            return false;
        }

        foreach (var name in names)
        {
            if (query.ContainsKey(name))
            {
                return true;
            }
        }

        return false;
    }

    private static S3Exception MethodNotAllowed() => new(S3Error.MethodNotAllowed);

    /// <summary>
    /// x-amz-if-match-size and x-amz-if-match-last-modified-time on DeleteObject: "This functionality is only
    /// supported for directory buckets" (API reference, DeleteObject), and a general purpose bucket refuses them
    /// rather than ignore them (measured against S3 in ministackorg/ministack#1501). Nuage's buckets are general
    /// purpose; ignoring the condition would delete an object the caller asked to keep.
    /// </summary>
    private static string? HasDirectoryBucketDeleteCondition(IHeaderDictionary headers) =>
        headers.ContainsKey("x-amz-if-match-size") ? "x-amz-if-match-size"
        : headers.ContainsKey("x-amz-if-match-last-modified-time") ? "x-amz-if-match-last-modified-time"
        : null;

    private static S3Exception DirectoryBucketOnly(string header) =>
        new(S3Error.NotImplemented, $"{header} is supported for directory buckets only.") { Details = [new("Header", header)] };

    private static S3Exception NotImplemented() =>
        new(S3Error.NotImplemented, "This operation is not implemented by Nuage yet.");
}
