using Microsoft.AspNetCore.Http;
using Nuage.S3.Errors;

namespace Nuage.S3.Routing;

/// <summary>
/// Maps method + bucket/key + the deciding query parameters and headers to one <see cref="S3Action"/>: a pure
/// function, covered by a table-driven test. Sub-resources Nuage does not serve yet answer NotImplemented rather
/// than being mistaken for a plain object or bucket request.
/// </summary>
public static class S3Router
{
    // Bucket sub-resources from the S3 API reference that are not served yet: a request naming one must not fall
    // through to ListObjects or PutObject.
    private static readonly string[] UnservedBucketSubresources =
    [
        "accelerate", "acl", "analytics", "cors", "encryption", "intelligent-tiering", "inventory", "lifecycle",
        "logging", "metrics", "notification", "object-lock", "ownershipControls", "policy", "policyStatus",
        "publicAccessBlock", "replication", "requestPayment", "tagging", "versions", "website", "session",
        "metadataTable",
    ];

    private static readonly string[] UnservedObjectSubresources =
    [
        "acl", "attributes", "legal-hold", "restore", "retention", "select", "tagging", "torrent", "renameObject",
    ];

    public static S3Route Route(string method, S3RequestTarget target, IQueryCollection query, IHeaderDictionary headers)
    {
        var bucket = target.Bucket;
        var key = target.Key;
        if (bucket is null)
        {
            return method == HttpMethods.Get ? new S3Route(S3Action.ListBuckets, null, null) : throw MethodNotAllowed();
        }

        return key is null ? RouteBucket(method, bucket, query) : RouteObject(method, bucket, key, query, headers);
    }

    private static S3Route RouteBucket(string method, string bucket, IQueryCollection query)
    {
        S3Action action;
        if (HttpMethods.IsGet(method))
        {
            action = query.ContainsKey("location") ? S3Action.GetBucketLocation
                : query.ContainsKey("versioning") ? S3Action.GetBucketVersioning
                : query.ContainsKey("uploads") ? S3Action.ListMultipartUploads
                : Unserved(query, UnservedBucketSubresources) ? throw NotImplemented()
                : query["list-type"] == "2" ? S3Action.ListObjectsV2
                : S3Action.ListObjects;
        }
        else if (HttpMethods.IsPut(method))
        {
            action = Unserved(query, UnservedBucketSubresources) || query.ContainsKey("versioning")
                ? throw NotImplemented()
                : S3Action.CreateBucket;
        }
        else if (HttpMethods.IsHead(method))
        {
            action = S3Action.HeadBucket;
        }
        else if (HttpMethods.IsDelete(method))
        {
            action = Unserved(query, UnservedBucketSubresources) ? throw NotImplemented() : S3Action.DeleteBucket;
        }
        else if (HttpMethods.IsPost(method))
        {
            action = query.ContainsKey("delete") ? S3Action.DeleteObjects : throw NotImplemented();
        }
        else
        {
            throw MethodNotAllowed();
        }

        return new S3Route(action, bucket, null);
    }

    private static S3Route RouteObject(string method, string bucket, string key, IQueryCollection query, IHeaderDictionary headers)
    {
        var hasUpload = query.ContainsKey("uploadId");
        S3Action action;
        if (HttpMethods.IsPut(method))
        {
            var copy = headers.ContainsKey("x-amz-copy-source");
            action = Unserved(query, UnservedObjectSubresources) ? throw NotImplemented()
                : hasUpload || query.ContainsKey("partNumber")
                    ? (copy ? S3Action.UploadPartCopy : S3Action.UploadPart)
                : copy ? S3Action.CopyObject
                : S3Action.PutObject;
        }
        else if (HttpMethods.IsGet(method))
        {
            action = Unserved(query, UnservedObjectSubresources) ? throw NotImplemented()
                : hasUpload ? S3Action.ListParts
                : S3Action.GetObject;
        }
        else if (HttpMethods.IsHead(method))
        {
            action = S3Action.HeadObject;
        }
        else if (HttpMethods.IsDelete(method))
        {
            action = Unserved(query, UnservedObjectSubresources) ? throw NotImplemented()
                : hasUpload ? S3Action.AbortMultipartUpload
                : S3Action.DeleteObject;
        }
        else if (HttpMethods.IsPost(method))
        {
            action = query.ContainsKey("uploads") ? S3Action.CreateMultipartUpload
                : hasUpload ? S3Action.CompleteMultipartUpload
                : throw NotImplemented();
        }
        else
        {
            throw MethodNotAllowed();
        }

        return new S3Route(action, bucket, key);
    }

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

    private static S3Exception NotImplemented() =>
        new(S3Error.NotImplemented, "This operation is not implemented by Nuage yet.");
}
