using System.Globalization;
using Microsoft.AspNetCore.Http;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.ObjectLock;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Xml;
using Nuage.Storage;
using Nuage.Storage.Objects;

namespace Nuage.S3.Handlers;

/// <summary>GetObject and HeadObject: conditional requests, single ranges, response-* overrides.</summary>
public sealed class GetObjectHandler(
    IObjectService objects, Authorization.BucketViews views, Authorization.KmsKeyAccess kmsAccess, Nuage.Storage.Replication.ReplicaService? replicas = null)
{
    public async Task GetObjectAsync(S3RequestContext context, GetObjectOperation operation)
    {
        var customerKey = EncryptionHeaders.ForRead(context.Request.Headers);
        await using var content = await objects.OpenObjectAsync(operation.Bucket, operation.Key, operation.VersionId, customerKey, context.Aborted);
        var info = content.Info;

        // The data key is unwrapped, but not a byte is read or sent before the caller's kms:Decrypt is checked.
        await kmsAccess.RequireDecryptAsync(context, info.Kms);
        if (!CheckConditions(context, info))
        {
            return;
        }

        var response = context.Response;
        var outcome = ResolveRange(context, operation.PartNumber, info, out var range);
        if (outcome == RangeHeader.Outcome.Unsatisfiable)
        {
            response.Headers.ContentRange = "bytes */" + info.Size.ToString(CultureInfo.InvariantCulture);
            throw new S3Exception(S3Error.InvalidRange) { Details = [new("RangeRequested", context.Request.Headers.Range.ToString()), new("ActualObjectSize", info.Size.ToString(CultureInfo.InvariantCulture))] };
        }

        var partial = outcome == RangeHeader.Outcome.Partial;
        ObjectResponseHeaders.Write(response, info, operation.Overrides, includeChecksum: !partial && ChecksumModeEnabled(context));
        WritePartChecksum(context, info, operation.PartNumber, partial);
        await WriteObjectLockAsync(context, info);
        EncryptionHeaders.Write(response, info.Encryption, customerKey, info.Kms);
        long offset = 0, length = info.Size;
        if (partial)
        {
            (offset, length) = (range.Offset, range.Length);
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {offset}-{offset + length - 1}/{info.Size}");
        }
        else
        {
            response.StatusCode = StatusCodes.Status200OK;
        }

        response.ContentLength = length;
        if (length > 0)
        {
            await content.CopyToAsync(response.Body, offset, length, context.Aborted);
        }
    }

    /// <summary>
    /// x-amz-object-lock-mode, -retain-until-date and -legal-hold (GetObject, HeadObject) for objects of buckets with
    /// Object Lock: the lock row is read only there, so other buckets' reads cost nothing more.
    /// </summary>
    /// <remarks>x-amz-expiration is answered here too, for the current version of a bucket with a lifecycle configuration.</remarks>
    private async Task WriteObjectLockAsync(S3RequestContext context, ObjectInfo info)
    {
        var bucket = await views.GetAsync(info.Bucket, context.Aborted);
        if (bucket?.ObjectLock is not null)
        {
            ObjectLockRequestHeaders.Write(context.Response, await objects.GetObjectLockAsync(info.Bucket, info.Key, info.VersionId, context.Aborted));
        }

        if (bucket?.Lifecycle is { } lifecycle && context.Request.Query["versionId"].Count == 0)
        {
            ExpirationHeader.Write(context.Response, lifecycle, info);
        }

        // x-amz-replication-status (AWS "Getting replication status information"): PENDING, COMPLETED or FAILED on a
        // source version, REPLICA on a replica. Asked only of buckets that replicate or hold replicas.
        if (replicas is not null && replicas.MayHaveStatus(info.Bucket)
            && await replicas.StatusAsync(info.Bucket, info.Key, info.VersionId, context.Aborted) is { } status)
        {
            context.Response.Headers["x-amz-replication-status"] = status;
        }
    }

    public async Task HeadObjectAsync(S3RequestContext context, HeadObjectOperation operation)
    {
        var customerKey = EncryptionHeaders.ForRead(context.Request.Headers);
        var info = await objects.HeadObjectAsync(operation.Bucket, operation.Key, operation.VersionId, customerKey, context.Aborted);
        if (!CheckConditions(context, info))
        {
            return;
        }

        var response = context.Response;
        var outcome = ResolveRange(context, operation.PartNumber, info, out var range);
        if (outcome == RangeHeader.Outcome.Unsatisfiable)
        {
            throw new S3Exception(S3Error.InvalidRange);
        }

        var partial = outcome == RangeHeader.Outcome.Partial;
        ObjectResponseHeaders.Write(response, info, operation.Overrides, includeChecksum: !partial && ChecksumModeEnabled(context));
        WritePartChecksum(context, info, operation.PartNumber, partial);
        await WriteObjectLockAsync(context, info);
        EncryptionHeaders.Write(response, info.Encryption, customerKey, info.Kms);
        if (partial)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {range.Offset}-{range.Offset + range.Length - 1}/{info.Size}");
            response.ContentLength = range.Length;
        }
        else
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentLength = info.Size;
        }
    }

    /// <summary>
    /// Conditional reads (RFC 9110 §13.2.2 order, which is also S3's documented combination rule): a failed
    /// If-Match or If-Unmodified-Since is 412; a matching If-None-Match or an unmodified If-Modified-Since is 304.
    /// Returns false when the response (304) is complete.
    /// </summary>
    private static bool CheckConditions(S3RequestContext context, ObjectInfo info)
    {
        var conditions = ObjectRequestHeaders.ReadConditions(context.Request.Headers);
        if (conditions.IsEmpty)
        {
            return true;
        }

        switch (ConditionEvaluator.Evaluate(conditions, info.ETag, info.LastModified))
        {
            case ConditionOutcome.Proceed:
                return true;
            case ConditionOutcome.NotModified:
                ObjectResponseHeaders.WriteValidators(context.Response, info);
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return false;
            default:
                throw new S3Exception(S3Error.PreconditionFailed) { Details = [new("Condition", "If-Match")] };
        }
    }

    /// <summary>
    /// The bytes to send: a Range header, or ?partNumber=N, which "effectively performs a ranged GET request for the
    /// part specified" (GetObject, "PartNumber"): part N of a multipart object, or the whole of a single-part object
    /// as its part 1. Both at once is InvalidRequest; a part that does not exist is InvalidPart.
    /// </summary>
    private static RangeHeader.Outcome ResolveRange(S3RequestContext context, int? part, ObjectInfo info, out RangeHeader range)
    {
        var rangeHeader = context.Request.Headers.Range.ToString();
        if (part is not { } partNumber)
        {
            return RangeHeader.TryResolve(rangeHeader, info.Size, out range);
        }

        if (rangeHeader.Length > 0)
        {
            throw new S3Exception(S3Error.InvalidRequest, "Cannot specify both Range header and partNumber query parameter.");
        }

        var sizes = info.PartSizes ?? [info.Size];
        if (partNumber > sizes.Count)
        {
            throw new S3Exception(S3Error.InvalidPart, "The requested partnumber is not satisfiable");
        }

        long offset = 0;
        for (var i = 0; i < partNumber - 1; i++)
        {
            offset += sizes[i];
        }

        range = new RangeHeader(offset, sizes[partNumber - 1]);
        context.Response.Headers["x-amz-mp-parts-count"] = sizes.Count.ToString(CultureInfo.InvariantCulture);
        return range.Length == 0 ? RangeHeader.Outcome.WholeObject : RangeHeader.Outcome.Partial;
    }

    /// <summary>
    /// ?partNumber=N of a multipart object whose upload declared a checksum algorithm answers part N's own checksum
    /// and the object's checksum type (AWS "ObjectPart": the part checksums stay with the object; GetObject
    /// "ChecksumMode" must be ENABLED for any x-amz-checksum-* to be answered), so a client can check the part it read.
    /// </summary>
    private static void WritePartChecksum(S3RequestContext context, ObjectInfo info, int? part, bool partial)
    {
        if (partial && part is { } number && info.Checksum is { } checksum && info.PartChecksums is { } checksums
            && number <= checksums.Count && ChecksumModeEnabled(context))
        {
            context.Response.Headers[ChecksumNames.HeaderName(checksum.Algorithm)] = checksums[number - 1];
            context.Response.Headers["x-amz-checksum-type"] = checksum.IsComposite ? "COMPOSITE" : "FULL_OBJECT";
        }
    }

    private static bool ChecksumModeEnabled(S3RequestContext context) =>
        string.Equals(context.Header("x-amz-checksum-mode"), "ENABLED", StringComparison.OrdinalIgnoreCase);
}
